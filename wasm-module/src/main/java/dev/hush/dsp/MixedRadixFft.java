package dev.hush.dsp;

/**
 * Complex FFT for sizes made of the factors 2, 3, 4 and 5 (480 = 4·4·2·3·5), Stockham autosort, decimation in
 * frequency: every stage reads one buffer and writes the other in natural order, so there is no bit reversal and
 * no allocation after construction. All twiddles are tabulated: the transform calls no trigonometric function.
 */
final class MixedRadixFft {
    private final int n;
    private final int[] radices;
    /** Per stage: twiddles ω_len^(p·t) for p in [0, len/r), t in [0, r), interleaved re/im. */
    private final float[][] twiddles;
    private final float[] scratch;

    MixedRadixFft(int n) {
        this.n = n;
        int[] factors = new int[32];
        int count = 0;
        int rest = n;
        for (int r : new int[] {4, 2, 3, 5}) {
            while (rest % r == 0) {
                factors[count++] = r;
                rest /= r;
            }
        }
        if (rest != 1) {
            throw new IllegalArgumentException("FFT size " + n + " has a prime factor above 5");
        }
        radices = java.util.Arrays.copyOf(factors, count);
        twiddles = new float[count][];
        int len = n;
        for (int s = 0; s < count; s++) {
            int r = radices[s];
            int m = len / r;
            float[] w = new float[2 * m * r];
            for (int p = 0; p < m; p++) {
                for (int t = 0; t < r; t++) {
                    double angle = -2 * Math.PI * p * t / len;
                    w[2 * (p * r + t)] = (float) Math.cos(angle);
                    w[2 * (p * r + t) + 1] = (float) Math.sin(angle);
                }
            }
            twiddles[s] = w;
            len = m;
        }
        scratch = new float[2 * n];
    }

    private static final float SIN_60 = 0.8660254f;
    private static final float COS_72 = 0.30901699f;
    private static final float COS_144 = -0.80901699f;
    private static final float SIN_72 = 0.95105652f;
    private static final float SIN_144 = 0.58778525f;

    /** In-place forward transform of n complex values, interleaved re/im in {@code data[0, 2n)}. */
    void forward(float[] data) {
        float[] x = data;
        float[] y = scratch;
        int len = n;
        int stride = 1;
        for (int s = 0; s < radices.length; s++) {
            int r = radices[s];
            int m = len / r;
            switch (r) {
                case 2 -> radix2(x, y, m, stride, twiddles[s]);
                case 3 -> radix3(x, y, m, stride, twiddles[s]);
                case 4 -> radix4(x, y, m, stride, twiddles[s]);
                default -> radix5(x, y, m, stride, twiddles[s]);
            }
            float[] tmp = x;
            x = y;
            y = tmp;
            len = m;
            stride *= r;
        }
        if (x != data) {
            System.arraycopy(x, 0, data, 0, 2 * n);
        }
    }

    /** Writes y_t · ω^(p·t) to output slot t of butterfly (p, q). */
    private static void store(float[] y, float[] w, int p, int r, int t, int dst, float re, float im) {
        float wr = w[2 * (p * r + t)];
        float wi = w[2 * (p * r + t) + 1];
        y[dst] = re * wr - im * wi;
        y[dst + 1] = re * wi + im * wr;
    }

    private static void radix2(float[] x, float[] y, int m, int stride, float[] w) {
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < stride; q++) {
                int i0 = 2 * (q + stride * p);
                int i1 = i0 + 2 * stride * m;
                int o = 2 * (q + stride * 2 * p);
                int os = 2 * stride;
                float ar = x[i0];
                float ai = x[i0 + 1];
                float br = x[i1];
                float bi = x[i1 + 1];
                y[o] = ar + br;
                y[o + 1] = ai + bi;
                store(y, w, p, 2, 1, o + os, ar - br, ai - bi);
            }
        }
    }

    private static void radix3(float[] x, float[] y, int m, int stride, float[] w) {
        int js = 2 * stride * m;
        int os = 2 * stride;
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < stride; q++) {
                int i0 = 2 * (q + stride * p);
                int o = 2 * (q + stride * 3 * p);
                float a0r = x[i0];
                float a0i = x[i0 + 1];
                float a1r = x[i0 + js];
                float a1i = x[i0 + js + 1];
                float a2r = x[i0 + 2 * js];
                float a2i = x[i0 + 2 * js + 1];
                float tr = a1r + a2r;
                float ti = a1i + a2i;
                float mr = a0r - 0.5f * tr;
                float mi = a0i - 0.5f * ti;
                // −i·sin60·(a1 − a2)
                float dr = SIN_60 * (a1i - a2i);
                float di = -SIN_60 * (a1r - a2r);
                y[o] = a0r + tr;
                y[o + 1] = a0i + ti;
                store(y, w, p, 3, 1, o + os, mr + dr, mi + di);
                store(y, w, p, 3, 2, o + 2 * os, mr - dr, mi - di);
            }
        }
    }

    private static void radix4(float[] x, float[] y, int m, int stride, float[] w) {
        int js = 2 * stride * m;
        int os = 2 * stride;
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < stride; q++) {
                int i0 = 2 * (q + stride * p);
                int o = 2 * (q + stride * 4 * p);
                float a0r = x[i0];
                float a0i = x[i0 + 1];
                float a1r = x[i0 + js];
                float a1i = x[i0 + js + 1];
                float a2r = x[i0 + 2 * js];
                float a2i = x[i0 + 2 * js + 1];
                float a3r = x[i0 + 3 * js];
                float a3i = x[i0 + 3 * js + 1];
                float t0r = a0r + a2r;
                float t0i = a0i + a2i;
                float t1r = a0r - a2r;
                float t1i = a0i - a2i;
                float t2r = a1r + a3r;
                float t2i = a1i + a3i;
                float t3r = a1r - a3r;
                float t3i = a1i - a3i;
                y[o] = t0r + t2r;
                y[o + 1] = t0i + t2i;
                // y1 = t1 − i·t3, y3 = t1 + i·t3
                store(y, w, p, 4, 1, o + os, t1r + t3i, t1i - t3r);
                store(y, w, p, 4, 2, o + 2 * os, t0r - t2r, t0i - t2i);
                store(y, w, p, 4, 3, o + 3 * os, t1r - t3i, t1i + t3r);
            }
        }
    }

    private static void radix5(float[] x, float[] y, int m, int stride, float[] w) {
        int js = 2 * stride * m;
        int os = 2 * stride;
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < stride; q++) {
                int i0 = 2 * (q + stride * p);
                int o = 2 * (q + stride * 5 * p);
                float a0r = x[i0];
                float a0i = x[i0 + 1];
                float b1r = x[i0 + js] + x[i0 + 4 * js];
                float b1i = x[i0 + js + 1] + x[i0 + 4 * js + 1];
                float b2r = x[i0 + 2 * js] + x[i0 + 3 * js];
                float b2i = x[i0 + 2 * js + 1] + x[i0 + 3 * js + 1];
                float d1r = x[i0 + js] - x[i0 + 4 * js];
                float d1i = x[i0 + js + 1] - x[i0 + 4 * js + 1];
                float d2r = x[i0 + 2 * js] - x[i0 + 3 * js];
                float d2i = x[i0 + 2 * js + 1] - x[i0 + 3 * js + 1];
                float m1r = a0r + COS_72 * b1r + COS_144 * b2r;
                float m1i = a0i + COS_72 * b1i + COS_144 * b2i;
                float m2r = a0r + COS_144 * b1r + COS_72 * b2r;
                float m2i = a0i + COS_144 * b1i + COS_72 * b2i;
                float n1r = SIN_72 * d1r + SIN_144 * d2r;
                float n1i = SIN_72 * d1i + SIN_144 * d2i;
                float n2r = SIN_144 * d1r - SIN_72 * d2r;
                float n2i = SIN_144 * d1i - SIN_72 * d2i;
                y[o] = a0r + b1r + b2r;
                y[o + 1] = a0i + b1i + b2i;
                // y1 = m1 − i·n1, y4 = m1 + i·n1, y2 = m2 − i·n2, y3 = m2 + i·n2
                store(y, w, p, 5, 1, o + os, m1r + n1i, m1i - n1r);
                store(y, w, p, 5, 2, o + 2 * os, m2r + n2i, m2i - n2r);
                store(y, w, p, 5, 3, o + 3 * os, m2r - n2i, m2i + n2r);
                store(y, w, p, 5, 4, o + 4 * os, m1r - n1i, m1i + n1r);
            }
        }
    }
}
