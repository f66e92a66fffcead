package dev.hush.nn;

/**
 * Gated recurrent unit with PyTorch's (and DJL's) conventions: gate rows ordered [r; z; n], separate input and
 * hidden biases, n = tanh(W_in·x + b_in + r ⊙ (W_hn·h + b_hn)), h' = (1 − z) ⊙ n + z ⊙ h.
 */
final class Gru {
    final int inputs;
    final int units;
    private final float[] weightIh;
    private final float[] weightHh;
    private final float[] biasIh;
    private final float[] biasHh;
    private final float[] state;
    private final float[] gi;
    private final float[] gh;

    Gru(ModelFile model, String name, int inputs) {
        this.inputs = inputs;
        this.units = model.dims(name + ".weight_hh")[1];
        this.weightIh = model.tensor(name + ".weight_ih", 3 * units, inputs);
        this.weightHh = model.tensor(name + ".weight_hh", 3 * units, units);
        this.biasIh = model.tensor(name + ".bias_ih", 3 * units);
        this.biasHh = model.tensor(name + ".bias_hh", 3 * units);
        this.state = new float[units];
        this.gi = new float[3 * units];
        this.gh = new float[3 * units];
    }

    /** Advances one frame; the new hidden state is also written to {@code out}. */
    void forward(float[] x, float[] out) {
        // 3 * units rows: even whenever units is, and a remainder row otherwise.
        int row = 0;
        for (; row + 1 < 3 * units; row += 2) {
            VectorMath.dot2(weightIh, row * inputs, inputs, x, inputs, gi, row);
            VectorMath.dot2(weightHh, row * units, units, state, units, gh, row);
            gi[row] = biasIh[row] + gi[row];
            gi[row + 1] = biasIh[row + 1] + gi[row + 1];
            gh[row] = biasHh[row] + gh[row];
            gh[row + 1] = biasHh[row + 1] + gh[row + 1];
        }
        for (; row < 3 * units; row++) {
            gi[row] = biasIh[row] + VectorMath.dot(weightIh, row * inputs, x, inputs);
            gh[row] = biasHh[row] + VectorMath.dot(weightHh, row * units, state, units);
        }
        for (int u = 0; u < units; u++) {
            float r = Activations.sigmoid(gi[u] + gh[u]);
            float z = Activations.sigmoid(gi[units + u] + gh[units + u]);
            float n = Activations.tanh(gi[2 * units + u] + r * gh[2 * units + u]);
            float h = (1 - z) * n + z * state[u];
            out[u] = h;
        }
        System.arraycopy(out, 0, state, 0, units);
    }

    void reset() {
        java.util.Arrays.fill(state, 0f);
    }
}
