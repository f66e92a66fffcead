package dev.hush.nn;

import dev.hush.dsp.FrameAnalysis;
import dev.hush.dsp.GainEstimator;
import dev.hush.dsp.PercepNet;

/**
 * PercepNet's network, shrunk to the worklet's budget: a dense layer on the features, a causal convolution
 * over the last frames, two GRUs, and two sigmoid heads (34 band gains, 34 comb strengths). Layer widths come
 * from the weights file, so a retrained size needs no code change. A model made before the look-ahead features
 * ({@link PercepNet#FEATURES_WITHOUT_LOOKAHEAD} inputs, 1.2.0 and older) reads the leading features only.
 */
public final class GainNetwork implements GainEstimator {
    private final String name;
    private final String version;
    private final Dense input;
    private final CausalConv conv;
    private final Gru gru1;
    private final Gru gru2;
    private final Dense gainHead;
    private final Dense strengthHead;
    private final float[] features = new float[PercepNet.FEATURES];
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final float[] d;

    public GainNetwork(ModelFile model) {
        int featureCount = model.featureCount();
        boolean knownFeatures = featureCount == PercepNet.FEATURES || featureCount == PercepNet.FEATURES_WITHOUT_LOOKAHEAD;
        if (!knownFeatures || model.bandCount() != PercepNet.BANDS) {
            throw new ModelFormatException("model expects " + featureCount + " features and "
                    + model.bandCount() + " bands; this DSP has " + PercepNet.FEATURES + " (or "
                    + PercepNet.FEATURES_WITHOUT_LOOKAHEAD + " without look-ahead) and " + PercepNet.BANDS);
        }
        name = model.name();
        version = model.version();
        input = new Dense(model, "input", featureCount);
        conv = new CausalConv(model, "conv", input.outputs);
        gru1 = new Gru(model, "gru1", conv.outputs);
        gru2 = new Gru(model, "gru2", gru1.units);
        gainHead = new Dense(model, "gain", gru2.units);
        strengthHead = new Dense(model, "strength", gru2.units);
        if (gainHead.outputs != PercepNet.BANDS || strengthHead.outputs != PercepNet.BANDS) {
            throw new ModelFormatException("model heads must have " + PercepNet.BANDS + " outputs");
        }
        a = new float[input.outputs];
        b = new float[conv.outputs];
        c = new float[gru1.units];
        d = new float[gru2.units];
    }

    /** Parses and validates a weights file; a bad file throws {@link ModelFormatException} with the reason. */
    public static GainNetwork load(byte[] bytes) {
        return new GainNetwork(ModelFile.parse(bytes));
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    /** Inputs the model reads: {@link PercepNet#FEATURES}, or the leading 70 for models without look-ahead. */
    public int featureCount() {
        return input.inputs;
    }

    public int parameterCount() {
        return input.outputs * (input.inputs + 1)
                + conv.outputs * (conv.inputs * conv.kernel + 1)
                + 3 * gru1.units * (gru1.inputs + gru1.units + 2)
                + 3 * gru2.units * (gru2.inputs + gru2.units + 2)
                + 2 * PercepNet.BANDS * (gru2.units + 1);
    }

    @Override
    public void estimate(FrameAnalysis frame, float[] gains, float[] strengths) {
        frame.copyFeatures(features, 0);
        forward(features, gains, strengths);
    }

    /** One frame of inference from {@link #featureCount()} features; the recurrent and convolution state advance. */
    public void forward(float[] featureVector, float[] gains, float[] strengths) {
        input.forward(featureVector, a);
        Activations.tanh(a, a.length);
        conv.forward(a, b);
        Activations.tanh(b, b.length);
        gru1.forward(b, c);
        gru2.forward(c, d);
        gainHead.forward(d, gains);
        Activations.sigmoid(gains, PercepNet.BANDS);
        strengthHead.forward(d, strengths);
        Activations.sigmoid(strengths, PercepNet.BANDS);
    }

    @Override
    public void reset() {
        conv.reset();
        gru1.reset();
        gru2.reset();
    }
}
