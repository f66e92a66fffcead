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
public final class GainNetwork implements GainModel {
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

    /**
     * From the zero state the GRUs take about 300 ms to take noise for noise. Measured with 1.4.0 on evaluation set
     * v2, the first 300 ms of a stream came out only 4–6 dB lower against 16 dB in later pauses, and held half of
     * all the noise left in pauses. Stepping the network over the first full frame before using it moves the state
     * to where a steady input like that frame would have left it, as if the stream had begun earlier. The frame
     * is the first whose window and look-ahead hold only input (frames 0–2 still see the silence before the
     * stream). Chosen on the development set with 1.4.0 (pause drop; 22.8 dB without): 10 / 20 / 30 steps on
     * frame 3 gave 25.0 / 27.3 / 28.8 dB, 30 steps on frame 1 22.5 dB, on frame 8 25.5 dB, and 3 steps on each of
     * frames 3–12 26.0 dB; the SI-SDR gain rose with it (+10.22 → +10.41 dB), clean input stayed at 49 dB.
     * The price: when that frame is already speech, the network takes it for a steady noise for a moment (clean
     * speech starting in a stream's first 30 ms: ≈ 4 dB lower SI-SDR over the first second, measured in
     * model-training/runs/hush-percepnet-1.4.0/). Only a stream's start, an overload bypass and a non-finite frame
     * reset the network; the on/off switch does not.
     */
    static final int STATE_PRIMING_FRAME = 3;
    /**
     * Extra network steps on {@link #STATE_PRIMING_FRAME}, once per stream (after each reset): about 30 frames' worth
     * of network time in one frame (≈ 6 ms in the worklet), which its load monitor averages over a batch of frames.
     */
    public static final int STATE_PRIMING_STEPS = 30;
    /** More would only repeat one frame longer: 100 steps already stand for a second of it. */
    public static final int MAX_STATE_PRIMING_STEPS = 100;
    private int framesSinceReset;
    private int statePrimingSteps = STATE_PRIMING_STEPS;

    public GainNetwork(ModelFile model) {
        this(model, "");
    }

    /** The network whose tensors are named {@code prefix + "input.weight"} and so on: one member of an ensemble file. */
    GainNetwork(ModelFile model, String prefix) {
        int featureCount = model.featureCount();
        boolean knownFeatures = featureCount == PercepNet.FEATURES || featureCount == PercepNet.FEATURES_WITHOUT_LOOKAHEAD;
        if (!knownFeatures || model.bandCount() != PercepNet.BANDS) {
            throw new ModelFormatException("model expects " + featureCount + " features and "
                    + model.bandCount() + " bands; this DSP has " + PercepNet.FEATURES + " (or "
                    + PercepNet.FEATURES_WITHOUT_LOOKAHEAD + " without look-ahead) and " + PercepNet.BANDS);
        }
        name = model.name();
        version = model.version();
        input = new Dense(model, prefix + "input", featureCount);
        conv = new CausalConv(model, prefix + "conv", input.outputs);
        gru1 = new Gru(model, prefix + "gru1", conv.outputs);
        gru2 = new Gru(model, prefix + "gru2", gru1.units);
        gainHead = new Dense(model, prefix + "gain", gru2.units);
        strengthHead = new Dense(model, prefix + "strength", gru2.units);
        if (gainHead.outputs != PercepNet.BANDS || strengthHead.outputs != PercepNet.BANDS) {
            throw new ModelFormatException("model heads must have " + PercepNet.BANDS + " outputs");
        }
        a = new float[input.outputs];
        b = new float[conv.outputs];
        c = new float[gru1.units];
        d = new float[gru2.units];
    }

    /**
     * Parses and validates a weights file of one network; a bad file throws {@link ModelFormatException} with the
     * reason. {@link GainModel#load} also reads ensembles.
     */
    public static GainNetwork load(byte[] bytes) {
        ModelFile file = ModelFile.parse(bytes);
        if (GainModel.memberPrefixes(file).length > 1) {
            throw new ModelFormatException("weights file holds an ensemble of networks, not one network");
        }
        return new GainNetwork(file);
    }

    /**
     * How many extra steps priming takes: {@link #STATE_PRIMING_STEPS} shipped; 0 only to measure what priming costs
     * and buys (the CLI's {@code jvm-no-priming} engine), other counts to compare ({@code bin/denoise
     * --priming-steps N}). Applies from the next priming frame, the one after the next reset if this stream's has
     * passed.
     */
    @Override
    public void setStatePrimingSteps(int steps) {
        if (steps < 0 || steps > MAX_STATE_PRIMING_STEPS) {
            throw new IllegalArgumentException("priming steps must be in [0, " + MAX_STATE_PRIMING_STEPS + "], got " + steps);
        }
        statePrimingSteps = steps;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    /** Inputs the model reads: {@link PercepNet#FEATURES}, or the leading 70 for models without look-ahead. */
    @Override
    public int featureCount() {
        return input.inputs;
    }

    @Override
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
        if (framesSinceReset == STATE_PRIMING_FRAME) {
            for (int i = 0; i < statePrimingSteps; i++) {
                forward(features, gains, strengths);
            }
        }
        if (framesSinceReset <= STATE_PRIMING_FRAME) {
            framesSinceReset++;
        }
        forward(features, gains, strengths);
    }

    /**
     * One frame of inference from {@link #featureCount()} features; the recurrent and convolution state advance.
     * The plain network step, without {@link #estimate}'s state priming (what the parity tests compare).
     */
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
        framesSinceReset = 0;
        conv.reset();
        gru1.reset();
        gru2.reset();
    }
}
