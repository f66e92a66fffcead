package dev.hush.nn;

/** Element-wise non-linearities, in place. Called per unit per frame (a few hundred), never per bin. */
final class Activations {
    private Activations() {
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    static float tanh(float x) {
        if (x > 15f) {
            return 1f;
        }
        if (x < -15f) {
            return -1f;
        }
        double e = Math.exp(2.0 * x);
        return (float) ((e - 1) / (e + 1));
    }

    static void tanh(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = tanh(v[i]);
        }
    }

    static void sigmoid(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = sigmoid(v[i]);
        }
    }
}
