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
}
