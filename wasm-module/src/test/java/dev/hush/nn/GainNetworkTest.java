package dev.hush.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.dsp.Denoiser;
import dev.hush.dsp.PercepNet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GainNetworkTest {
    private static final int F = PercepNet.FEATURES;
    private static final int B = PercepNet.BANDS;
    private static final int D = 24;
    private static final int C = 20;
    private static final int K = 3;
    private static final int H1 = 16;
    private static final int H2 = 12;

    private final Map<String, float[]> w = new HashMap<>();
    /** Inputs the model under test reads: F, or the 70 of models made before the look-ahead features. */
    private int modelFeatures = F;

    byte[] randomModel(long seed, boolean int8) {
        return randomModel(seed, int8, F);
    }

    byte[] randomModel(long seed, boolean int8, int features) {
        modelFeatures = features;
        Random r = new Random(seed);
        ModelWriter writer = new ModelWriter("test-net", "0.0.1", features);
        put(writer, r, "input.weight", int8, D, features);
        put(writer, r, "input.bias", false, D);
        put(writer, r, "conv.weight", int8, C, D, K);
        put(writer, r, "conv.bias", false, C);
        put(writer, r, "gru1.weight_ih", int8, 3 * H1, C);
        put(writer, r, "gru1.weight_hh", int8, 3 * H1, H1);
        put(writer, r, "gru1.bias_ih", false, 3 * H1);
        put(writer, r, "gru1.bias_hh", false, 3 * H1);
        put(writer, r, "gru2.weight_ih", int8, 3 * H2, H1);
        put(writer, r, "gru2.weight_hh", int8, 3 * H2, H2);
        put(writer, r, "gru2.bias_ih", false, 3 * H2);
        put(writer, r, "gru2.bias_hh", false, 3 * H2);
        put(writer, r, "gain.weight", int8, B, H2);
        put(writer, r, "gain.bias", false, B);
        put(writer, r, "strength.weight", int8, B, H2);
        put(writer, r, "strength.bias", false, B);
        return writer.toBytes();
    }

    private void put(ModelWriter writer, Random r, String name, boolean int8, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextGaussian() * 0.4);
        }
        if (int8 && dims.length > 1) {
            writer.addInt8(name, v, dims);
            w.put(name, ModelWriter.quantize(v, dims[0]));
        } else {
            writer.addFloat32(name, v, dims);
            w.put(name, v);
        }
    }

    /** Straight-line double-precision reference over a whole sequence, written independently of the layers. */
    private double[][][] reference(float[][] x) {
        int t = x.length;
        double[][] a = new double[t][D];
        for (int s = 0; s < t; s++) {
            for (int o = 0; o < D; o++) {
                double acc = w.get("input.bias")[o];
                for (int i = 0; i < modelFeatures; i++) {
                    acc += w.get("input.weight")[o * modelFeatures + i] * x[s][i];
                }
                a[s][o] = Math.tanh(acc);
            }
        }
        double[][] b = new double[t][C];
        for (int s = 0; s < t; s++) {
            for (int o = 0; o < C; o++) {
                double acc = w.get("conv.bias")[o];
                for (int i = 0; i < D; i++) {
                    for (int j = 0; j < K; j++) {
                        int src = s - (K - 1) + j;
                        if (src >= 0) {
                            acc += w.get("conv.weight")[(o * D + i) * K + j] * a[src][i];
                        }
                    }
                }
                b[s][o] = Math.tanh(acc);
            }
        }
        double[][] c = gru(b, "gru1", C, H1);
        double[][] d = gru(c, "gru2", H1, H2);
        double[][][] out = new double[2][t][B];
        for (int s = 0; s < t; s++) {
            for (int o = 0; o < B; o++) {
                double g = w.get("gain.bias")[o];
                double r = w.get("strength.bias")[o];
                for (int i = 0; i < H2; i++) {
                    g += w.get("gain.weight")[o * H2 + i] * d[s][i];
                    r += w.get("strength.weight")[o * H2 + i] * d[s][i];
                }
                out[0][s][o] = 1 / (1 + Math.exp(-g));
                out[1][s][o] = 1 / (1 + Math.exp(-r));
            }
        }
        return out;
    }

    private double[][] gru(double[][] x, String name, int in, int h) {
        float[] wi = w.get(name + ".weight_ih");
        float[] wh = w.get(name + ".weight_hh");
        float[] bi = w.get(name + ".bias_ih");
        float[] bh = w.get(name + ".bias_hh");
        double[] state = new double[h];
        double[][] out = new double[x.length][];
        for (int s = 0; s < x.length; s++) {
            double[] next = new double[h];
            for (int u = 0; u < h; u++) {
                double[] pre = new double[6];
                for (int g = 0; g < 3; g++) {
                    int row = g * h + u;
                    pre[g] = bi[row];
                    pre[3 + g] = bh[row];
                    for (int i = 0; i < in; i++) {
                        pre[g] += wi[row * in + i] * x[s][i];
                    }
                    for (int i = 0; i < h; i++) {
                        pre[3 + g] += wh[row * h + i] * state[i];
                    }
                }
                double r = 1 / (1 + Math.exp(-(pre[0] + pre[3])));
                double z = 1 / (1 + Math.exp(-(pre[1] + pre[4])));
                double n = Math.tanh(pre[2] + r * pre[5]);
                next[u] = (1 - z) * n + z * state[u];
            }
            state = next;
            out[s] = next;
        }
        return out;
    }

    /** Frame-by-frame inference on {@code frames} random full-width feature vectors equals {@link #reference}. */
    private void assertStreamsLikeTheReference(GainNetwork net, long seed, int frames) {
        Random r = new Random(seed);
        float[][] x = new float[frames][F];
        for (float[] row : x) {
            for (int i = 0; i < F; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        double[][][] ref = reference(x);
        float[] g = new float[B];
        float[] s = new float[B];
        for (int t = 0; t < x.length; t++) {
            net.forward(x[t], g, s);
            for (int b = 0; b < B; b++) {
                assertEquals(ref[0][t][b], g[b], 1e-5, "gain t=" + t + " b=" + b);
                assertEquals(ref[1][t][b], s[b], 1e-5, "strength t=" + t + " b=" + b);
            }
        }
    }

    @Test
    void streamingInferenceMatchesAWholeSequenceReference() {
        for (boolean int8 : new boolean[] {false, true}) {
            w.clear();
            GainNetwork net = GainNetwork.load(randomModel(7, int8));
            assertStreamsLikeTheReference(net, 8, 40);
            assertEquals("test-net", net.name());
            assertEquals("0.0.1", net.version());
        }
    }

    @Test
    void aModelWithoutLookaheadFeaturesReadsTheLeadingSeventy() {
        GainNetwork net = GainNetwork.load(randomModel(12, true, PercepNet.FEATURES_WITHOUT_LOOKAHEAD));
        assertEquals(70, net.featureCount());
        assertStreamsLikeTheReference(net, 13, 20);
        assertEquals(F, GainNetwork.load(randomModel(14, true)).featureCount());
        assertTrue(message(randomModel(15, true, 71)).contains("expects 71 features"));
    }

    @Test
    void int8WeightsStayWithinHalfAStepOfTheFloats() {
        Random r = new Random(3);
        float[] v = new float[64 * 10];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian() * (1 + i / 10);
        }
        float[] q = ModelWriter.quantize(v, 64);
        for (int row = 0; row < 64; row++) {
            float max = 0;
            for (int c = 0; c < 10; c++) {
                max = Math.max(max, Math.abs(v[row * 10 + c]));
            }
            for (int c = 0; c < 10; c++) {
                assertEquals(v[row * 10 + c], q[row * 10 + c], 0.5 * max / 127 + 1e-7);
            }
        }
    }

    @Test
    void resetRestoresTheInitialState() {
        GainNetwork net = GainNetwork.load(randomModel(9, true));
        float[] x = new float[F];
        java.util.Arrays.fill(x, 0.3f);
        float[] g1 = new float[B];
        float[] g2 = new float[B];
        float[] s = new float[B];
        net.forward(x, g1, s);
        net.forward(x, g2, s);
        assertTrue(Math.abs(g1[0] - g2[0]) > 1e-6, "state changes the output");
        net.reset();
        net.forward(x, g2, s);
        assertEquals(g1[0], g2[0], 0f);
    }

    @Test
    void estimatePrimesTheStateOnceOnTheFirstFullFrameAfterEachReset() {
        byte[] model = randomModel(16, true);
        GainNetwork primed = GainNetwork.load(model);
        GainNetwork plain = GainNetwork.load(model);
        dev.hush.dsp.FrameAnalysis frame = whiteNoiseFrame(17);
        float[] features = new float[F];
        frame.copyFeatures(features, 0);
        float[] g = new float[B];
        float[] s = new float[B];
        float[] gRef = new float[B];
        float[] sRef = new float[B];
        float[] primedFirstFull = new float[B];
        for (int pass = 0; pass < 2; pass++) {
            for (int t = 0; t < GainNetwork.STATE_PRIMING_FRAME + 3; t++) {
                primed.estimate(frame, g, s);
                int steps = t == GainNetwork.STATE_PRIMING_FRAME ? GainNetwork.STATE_PRIMING_STEPS + 1 : 1;
                for (int i = 0; i < steps; i++) {
                    plain.forward(features, gRef, sRef);
                }
                for (int b = 0; b < B; b++) {
                    assertEquals(gRef[b], g[b], 0f, "pass " + pass + " frame " + t + " gain " + b);
                    assertEquals(sRef[b], s[b], 0f, "pass " + pass + " frame " + t + " strength " + b);
                }
                if (t == GainNetwork.STATE_PRIMING_FRAME) {
                    System.arraycopy(g, 0, primedFirstFull, 0, B);
                }
            }
            primed.reset();
            plain.reset();
        }
        // Without priming, the first full frame would be the plain network's step number STATE_PRIMING_FRAME + 1.
        for (int t = 0; t <= GainNetwork.STATE_PRIMING_FRAME; t++) {
            plain.forward(features, gRef, sRef);
        }
        double moved = 0;
        for (int b = 0; b < B; b++) {
            moved = Math.max(moved, Math.abs(primedFirstFull[b] - gRef[b]));
        }
        assertTrue(moved > 1e-4, "priming changes the first full frame's gains (max change " + moved + ")");
    }

    @Test
    void primingStepsSetHowManyExtraStepsTheFirstFullFrameTakes() {
        byte[] model = randomModel(16, true);
        GainNetwork primed = GainNetwork.load(model);
        primed.setStatePrimingSteps(7);
        assertEstimateIsPlainStepping(model, primed, 8, 23);
        assertThrows(IllegalArgumentException.class, () -> primed.setStatePrimingSteps(-1));
        assertThrows(IllegalArgumentException.class,
                () -> primed.setStatePrimingSteps(GainNetwork.MAX_STATE_PRIMING_STEPS + 1));
    }

    @Test
    void withPrimingOffEstimateIsThePlainNetworkStepForStep() {
        byte[] model = randomModel(16, true);
        GainNetwork unprimed = GainNetwork.load(model);
        unprimed.setStatePrimingSteps(0);
        assertEstimateIsPlainStepping(model, unprimed, 1, 19);
    }

    /**
     * Feeds {@code network.estimate} one white-noise frame again and again, beside a plain network of the same model
     * that takes {@code stepsOnPrimingFrame} forward steps on the priming frame and one on every other: their gains
     * and strengths must be equal, frame by frame.
     */
    private static void assertEstimateIsPlainStepping(byte[] model, GainNetwork network, int stepsOnPrimingFrame,
                                                      long seed) {
        GainNetwork plain = GainNetwork.load(model);
        dev.hush.dsp.FrameAnalysis frame = whiteNoiseFrame(seed);
        float[] features = new float[F];
        frame.copyFeatures(features, 0);
        float[] g = new float[B];
        float[] s = new float[B];
        float[] gRef = new float[B];
        float[] sRef = new float[B];
        for (int t = 0; t < GainNetwork.STATE_PRIMING_FRAME + 3; t++) {
            network.estimate(frame, g, s);
            for (int i = 0; i < (t == GainNetwork.STATE_PRIMING_FRAME ? stepsOnPrimingFrame : 1); i++) {
                plain.forward(features, gRef, sRef);
            }
            assertArrayEquals(gRef, g, 0f, "frame " + t + " gains");
            assertArrayEquals(sRef, s, 0f, "frame " + t + " strengths");
        }
    }

    /** One analysed frame of seeded white noise, for feeding a network the same input frame after frame. */
    static dev.hush.dsp.FrameAnalysis whiteNoiseFrame(long seed) {
        int lookahead = 2 * PercepNet.HOP_SAMPLES;
        int start = PercepNet.COMB_ORDER * PercepNet.PITCH_MAX_PERIOD_SAMPLES;
        float[] x = new float[start + PercepNet.WINDOW_SAMPLES + lookahead];
        Random r = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        dev.hush.dsp.FrameAnalysis frame = new dev.hush.dsp.FrameAnalysis(new dev.hush.dsp.CombFilter(lookahead));
        frame.analyze(x, start, 200, 0.5f);
        return frame;
    }

    @Test
    void badWeightFilesAreRejectedWithAReason() {
        byte[] good = randomModel(10, true);
        assertTrue(message(null).contains("empty"));
        assertTrue(message(new byte[] {1, 2, 3}).contains("empty"));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(message(magic).contains("magic"));
        byte[] version = good.clone();
        version[8] = 2;
        assertTrue(message(version).contains("version 2"));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 100);
        assertTrue(message(truncated).contains("truncated"));
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertTrue(message(flipped).contains("corrupt"));

        ModelWriter missing = new ModelWriter("x", "1");
        missing.addFloat32("input.weight", new float[D * F], D, F);
        assertTrue(message(missing.toBytes()).contains("no tensor 'input.bias'"));

        ModelWriter wrongShape = new ModelWriter("x", "1");
        wrongShape.addFloat32("input.weight", new float[D * (F - 1)], D, F - 1);
        assertTrue(message(wrongShape.toBytes()).contains("shape"));

        ModelWriter nan = new ModelWriter("x", "1");
        float[] values = new float[4];
        values[2] = Float.NaN;
        nan.addFloat32("input.bias", values, 4);
        assertTrue(message(nan.toBytes()).contains("NaN"));
    }

    @Test
    void denoiserCreateLoadsAModelOrFailsClearly() {
        assertEquals(Denoiser.LATENCY_SAMPLES, Denoiser.create(randomModel(11, true)).latencySamples());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Denoiser.create(new byte[] {'n', 'o', 'p', 'e'}));
        assertTrue(e.getMessage().contains("header"));
    }

    private static String message(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> GainNetwork.load(bytes)).getMessage();
    }
}
