package dev.hush.nn;

/** The one inner loop of inference. */
final class VectorMath {
    private VectorMath() {
    }

    /**
     * Σ w[offset + i]·x[i] for i in [0, n). Four independent accumulators: a single running sum makes every
     * multiply-add wait for the previous add's latency, and neither the JIT nor TeaVM may reorder float sums.
     */
    static float dot(float[] w, int offset, float[] x, int n) {
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            a0 += w[offset + i] * x[i];
            a1 += w[offset + i + 1] * x[i + 1];
            a2 += w[offset + i + 2] * x[i + 2];
            a3 += w[offset + i + 3] * x[i + 3];
        }
        for (; i < n; i++) {
            a0 += w[offset + i] * x[i];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /**
     * {@link #dot} of two rows at once, {@code w[offset...]} into {@code y[yIndex]} and {@code w[offset + stride...]}
     * into {@code y[yIndex + 1]}, each summed exactly as {@link #dot} sums it (the same bits). Each x[i] is loaded
     * once for both rows: in WebAssembly, loads (each bounds-checked) are what a dot product waits on.
     */
    static void dot2(float[] w, int offset, int stride, float[] x, int n, float[] y, int yIndex) {
        int o2 = offset + stride;
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        float b0 = 0f;
        float b1 = 0f;
        float b2 = 0f;
        float b3 = 0f;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            float x0 = x[i];
            float x1 = x[i + 1];
            float x2 = x[i + 2];
            float x3 = x[i + 3];
            a0 += w[offset + i] * x0;
            a1 += w[offset + i + 1] * x1;
            a2 += w[offset + i + 2] * x2;
            a3 += w[offset + i + 3] * x3;
            b0 += w[o2 + i] * x0;
            b1 += w[o2 + i + 1] * x1;
            b2 += w[o2 + i + 2] * x2;
            b3 += w[o2 + i + 3] * x3;
        }
        for (; i < n; i++) {
            a0 += w[offset + i] * x[i];
            b0 += w[o2 + i] * x[i];
        }
        y[yIndex] = (a0 + a1) + (a2 + a3);
        y[yIndex + 1] = (b0 + b1) + (b2 + b3);
    }
}
