package dev.hush.training.data;

import org.jtransforms.fft.FloatFFT_1D;

/** Linear convolution by one zero-padded real FFT: cheap for room impulse responses of ~10^5 taps. */
public final class FftConvolver {
    private FftConvolver() {
    }

    /** Full convolution truncated to {@code x.length} samples (the part aligned with x). */
    public static float[] convolve(float[] x, float[] h) {
        if (h.length == 0 || x.length == 0) {
            return new float[x.length];
        }
        int n = 1;
        while (n < x.length + h.length - 1) {
            n <<= 1;
        }
        float[] a = java.util.Arrays.copyOf(x, n);
        float[] b = java.util.Arrays.copyOf(h, n);
        FloatFFT_1D fft = new FloatFFT_1D(n);
        fft.realForward(a);
        fft.realForward(b);
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 1; k < n / 2; k++) {
            float ar = a[2 * k];
            float ai = a[2 * k + 1];
            float br = b[2 * k];
            float bi = b[2 * k + 1];
            a[2 * k] = ar * br - ai * bi;
            a[2 * k + 1] = ar * bi + ai * br;
        }
        fft.realInverse(a, true);
        return java.util.Arrays.copyOf(a, x.length);
    }
}
