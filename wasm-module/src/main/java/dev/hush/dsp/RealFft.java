package dev.hush.dsp;

/**
 * Real FFT of one analysis window, as a complex FFT of half the size on the even/odd samples packed into re/im,
 * plus one tabulated twiddle pass. Spectra are 481 bins in separate re/im arrays. Allocates nothing per call and
 * calls no trigonometric function, which matters in WebAssembly where Math.sin is an imported JavaScript call.
 * JTransforms' FloatFFT_1D is the reference in the tests.
 */
public final class RealFft {
    private final int size;
    private final int half;
    private final MixedRadixFft complex;
    private final float[] buffer;
    /** W^k = e^(−2πik/size), k in [0, half]. */
    private final float[] cosTable;
    private final float[] sinTable;

    public RealFft(int size) {
        if (size % 2 != 0) {
            throw new IllegalArgumentException("real FFT size must be even");
        }
        this.size = size;
        this.half = size / 2;
        complex = new MixedRadixFft(half);
        buffer = new float[size];
        cosTable = new float[half + 1];
        sinTable = new float[half + 1];
        for (int k = 0; k <= half; k++) {
            cosTable[k] = (float) Math.cos(-2 * Math.PI * k / size);
            sinTable[k] = (float) Math.sin(-2 * Math.PI * k / size);
        }
    }

    /** x[0, size) → X(k) = Σ x[n]·e^(−2πikn/size) for k in [0, size/2], unnormalised. */
    public void forward(float[] x, float[] re, float[] im) {
        System.arraycopy(x, 0, buffer, 0, size);
        complex.forward(buffer);
        for (int k = 0; k <= half; k++) {
            int a = k % half;
            int b = (half - k) % half;
            float zr = buffer[2 * a];
            float zi = buffer[2 * a + 1];
            float cr = buffer[2 * b];
            float ci = -buffer[2 * b + 1];
            float er = 0.5f * (zr + cr);
            float ei = 0.5f * (zi + ci);
            // O = (Z − conj Z')/(2i)
            float or = 0.5f * (zi - ci);
            float oi = -0.5f * (zr - cr);
            float wr = cosTable[k];
            float wi = sinTable[k];
            re[k] = er + or * wr - oi * wi;
            im[k] = ei + or * wi + oi * wr;
        }
    }

    /** The inverse of {@link #forward}: X(0..size/2) → x[0, size), scaled so inverse(forward(x)) == x. */
    public void inverse(float[] re, float[] im, float[] x) {
        for (int k = 0; k < half; k++) {
            int b = half - k;
            float xr = re[k];
            float xi = im[k];
            float cr = re[b];
            float ci = -im[b];
            float er = 0.5f * (xr + cr);
            float ei = 0.5f * (xi + ci);
            float dr = 0.5f * (xr - cr);
            float di = 0.5f * (xi - ci);
            // O = D·conj(W^k); Z = E + i·O, conjugated for the inverse via a forward transform.
            float wr = cosTable[k];
            float wi = -sinTable[k];
            float or = dr * wr - di * wi;
            float oi = dr * wi + di * wr;
            buffer[2 * k] = er - oi;
            buffer[2 * k + 1] = -(ei + or);
        }
        complex.forward(buffer);
        float scale = 1f / half;
        for (int n = 0; n < half; n++) {
            x[2 * n] = buffer[2 * n] * scale;
            x[2 * n + 1] = -buffer[2 * n + 1] * scale;
        }
    }
}
