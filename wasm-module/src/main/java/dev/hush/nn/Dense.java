package dev.hush.nn;

/** Fully connected layer y = W·x + b, PyTorch layout W[out][in]. */
final class Dense {
    final int inputs;
    final int outputs;
    private final float[] weight;
    private final float[] bias;

    Dense(ModelFile model, String name, int inputs) {
        this.inputs = inputs;
        this.outputs = model.dims(name + ".weight")[0];
        this.weight = model.tensor(name + ".weight", outputs, inputs);
        this.bias = model.tensor(name + ".bias", outputs);
    }

    void forward(float[] x, float[] y) {
        int o = 0;
        for (; o + 1 < outputs; o += 2) {
            VectorMath.dot2(weight, o * inputs, inputs, x, inputs, y, o);
            y[o] = bias[o] + y[o];
            y[o + 1] = bias[o + 1] + y[o + 1];
        }
        for (; o < outputs; o++) {
            y[o] = bias[o] + VectorMath.dot(weight, o * inputs, x, inputs);
        }
    }
}
