package dev.hush.dsp;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * Real FFT of one analysis window, in JTransforms' packed layout:
 * {@code a[0] = Re(DC)}, {@code a[1] = Re(Nyquist)}, {@code a[2k], a[2k+1] = Re, Im of bin k} for 0 &lt; k &lt; N/2.
 * Kept behind this class so the transform can be swapped (e.g. for a WASM-specialised one) without touching the DSP.
 */
final class RealFft {
    private final FloatFFT_1D fft;
    private final float inverseScale;

    RealFft(int size) {
        fft = new FloatFFT_1D(size);
        inverseScale = 1f / size;
    }

    /** In place: time samples in, packed spectrum out (unnormalised). */
    void forward(float[] a) {
        fft.realForward(a);
    }

    /** In place: packed spectrum in, time samples out, scaled so inverse(forward(x)) == x. */
    void inverse(float[] a) {
        fft.realInverse(a, false);
        for (int i = 0; i < a.length; i++) {
            a[i] *= inverseScale;
        }
    }

    /** Unpacks to separate re/im arrays of {@link PercepNet#BINS} bins, the layout the rest of the DSP uses. */
    static void unpack(float[] packed, float[] re, float[] im) {
        int half = packed.length / 2;
        re[0] = packed[0];
        im[0] = 0f;
        re[half] = packed[1];
        im[half] = 0f;
        for (int k = 1; k < half; k++) {
            re[k] = packed[2 * k];
            im[k] = packed[2 * k + 1];
        }
    }

    static void pack(float[] re, float[] im, float[] packed) {
        int half = packed.length / 2;
        packed[0] = re[0];
        packed[1] = re[half];
        for (int k = 1; k < half; k++) {
            packed[2 * k] = re[k];
            packed[2 * k + 1] = im[k];
        }
    }
}
