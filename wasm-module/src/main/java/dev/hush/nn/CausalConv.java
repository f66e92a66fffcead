package dev.hush.nn;

/**
 * 1-D convolution over time that sees only the current and past frames (PyTorch Conv1d weight W[out][in][k],
 * a cross-correlation: tap j multiplies the input from k−1−j frames ago). Training pads k−1 zero frames on the
 * left to match, so no look-ahead is spent here: the comb filter already uses the latency budget.
 */
final class CausalConv {
    final int inputs;
    final int outputs;
    final int kernel;
    private final float[] weight;
    private final float[] bias;
    /** history[j] holds the input from (kernel−1−j) frames ago; history[kernel−1] is the current frame. */
    private final float[][] history;
    /** Two rows' dot products for one tap (scratch, so a frame allocates nothing). */
    private final float[] pair = new float[2];

    CausalConv(ModelFile model, String name, int inputs) {
        int[] dims = model.dims(name + ".weight");
        this.inputs = inputs;
        this.outputs = dims[0];
        this.kernel = dims.length == 3 ? dims[2] : 0;
        float[] pytorch = model.tensor(name + ".weight", outputs, inputs, kernel);
        // Regrouped as [out][tap][in] so each tap is one contiguous dot product with a past input frame.
        this.weight = new float[pytorch.length];
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < kernel; j++) {
                    weight[(o * kernel + j) * inputs + i] = pytorch[(o * inputs + i) * kernel + j];
                }
            }
        }
        this.bias = model.tensor(name + ".bias", outputs);
        this.history = new float[kernel][inputs];
    }

    void forward(float[] x, float[] y) {
        float[] oldest = history[0];
        for (int j = 0; j < kernel - 1; j++) {
            history[j] = history[j + 1];
        }
        history[kernel - 1] = oldest;
        System.arraycopy(x, 0, oldest, 0, inputs);
        int o = 0;
        for (; o + 1 < outputs; o += 2) {
            float accA = bias[o];
            float accB = bias[o + 1];
            for (int j = 0; j < kernel; j++) {
                VectorMath.dot2(weight, (o * kernel + j) * inputs, kernel * inputs, history[j], inputs, pair, 0);
                accA += pair[0];
                accB += pair[1];
            }
            y[o] = accA;
            y[o + 1] = accB;
        }
        for (; o < outputs; o++) {
            float acc = bias[o];
            for (int j = 0; j < kernel; j++) {
                acc += VectorMath.dot(weight, (o * kernel + j) * inputs, history[j], inputs);
            }
            y[o] = acc;
        }
    }

    void reset() {
        for (float[] h : history) {
            java.util.Arrays.fill(h, 0f);
        }
    }
}
