package dev.hush.training.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.hush.dsp.PercepNet;
import dev.hush.nn.GainNetwork;
import dev.hush.nn.ModelFormatException;
import dev.hush.nn.ModelWriter;
import dev.hush.training.TargetExtractor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The teacher's PyTorch forward pass is the shipped inference's, and its targets blend as stated. */
class DistillationTeacherTest {
    private static final int FRAMES = 40;
    private static final int B = PercepNet.BANDS;
    /** As the inference parity test: the same int8 weights through PyTorch and through the Java layers. */
    private static final double TOLERANCE = 1e-3;

    private static byte[] randomNetwork(long seed) {
        try (Model model = Model.newInstance("teacher-" + seed)) {
            ai.djl.engine.Engine.getEngine("PyTorch").setRandomSeed((int) seed);
            PercepNetBlock block = new PercepNetBlock(32, 40, 3, 24);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, FRAMES, PercepNet.FEATURES));
            return WeightsExport.toBytes(block, "teacher", String.valueOf(seed));
        }
    }

    private static List<TargetExtractor.Frames> segments(int n, long seed) {
        Random r = new Random(seed);
        List<TargetExtractor.Frames> out = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            float[] x = new float[FRAMES * PercepNet.FEATURES];
            float[] g = new float[FRAMES * B];
            float[] st = new float[FRAMES * B];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < g.length; i++) {
                g[i] = r.nextFloat();
                st[i] = r.nextFloat();
            }
            out.add(new TargetExtractor.Frames(FRAMES, x, g, st, new float[g.length], new float[g.length]));
        }
        return out;
    }

    /** What the shipped inference says for one segment from the zero state, frame by frame. */
    private static float[][] javaOutputs(GainNetwork network, TargetExtractor.Frames f) {
        network.reset();
        float[] features = new float[PercepNet.FEATURES];
        float[] g = new float[FRAMES * B];
        float[] s = new float[FRAMES * B];
        float[] fg = new float[B];
        float[] fs = new float[B];
        for (int t = 0; t < FRAMES; t++) {
            System.arraycopy(f.features(), t * PercepNet.FEATURES, features, 0, PercepNet.FEATURES);
            network.forward(features, fg, fs);
            System.arraycopy(fg, 0, g, t * B, B);
            System.arraycopy(fs, 0, s, t * B, B);
        }
        return new float[][] {g, s};
    }

    @Test
    void oneNetworksOutputsAreTheShippedInferencesAndTargetsMoveByTheWeight() {
        byte[] net = randomNetwork(3);
        List<TargetExtractor.Frames> set = segments(35, 4); // more than one batch of 32
        try (DistillationTeacher teacher = DistillationTeacher.load(net, 0.25f)) {
            assertEquals(1, teacher.members());
            float[][][] out = teacher.outputs(set);
            List<TargetExtractor.Frames> distilled = teacher.distill(set);
            GainNetwork java = GainNetwork.load(net);
            double worst = 0;
            for (int i = 0; i < set.size(); i++) {
                float[][] ref = javaOutputs(java, set.get(i));
                for (int j = 0; j < ref[0].length; j++) {
                    assertEquals(ref[0][j], out[i][0][j], TOLERANCE, "segment " + i + " gain " + j);
                    assertEquals(ref[1][j], out[i][1][j], TOLERANCE, "segment " + i + " strength " + j);
                    worst = Math.max(worst, Math.abs(ref[0][j] - out[i][0][j]));
                    float oracle = set.get(i).gains()[j];
                    assertEquals(0.75f * oracle + 0.25f * out[i][0][j], distilled.get(i).gains()[j], 1e-6f);
                    assertEquals(0.75f * set.get(i).strengths()[j] + 0.25f * out[i][1][j],
                            distilled.get(i).strengths()[j], 1e-6f);
                }
                assertSame(set.get(i).features(), distilled.get(i).features(), "features are the segment's own");
                assertSame(set.get(i).mask(), distilled.get(i).mask(), "the bandwidth mask is unchanged");
                assertSame(set.get(i).energies(), distilled.get(i).energies());
            }
            System.out.printf("teacher (PyTorch) vs shipped inference: worst gain difference %.2e%n", worst);
        }
    }

    @Test
    void anEnsembleTeachesTheMeanOfItsMembers() {
        byte[] a = randomNetwork(5);
        byte[] b = randomNetwork(6);
        List<TargetExtractor.Frames> set = segments(3, 7);
        try (DistillationTeacher pair = DistillationTeacher.load(ModelWriter.ensemble("pair", "1", a, b), 1f);
             DistillationTeacher first = DistillationTeacher.load(a, 1f);
             DistillationTeacher second = DistillationTeacher.load(b, 1f)) {
            assertEquals(2, pair.members());
            float[][][] mean = pair.outputs(set);
            float[][][] x = first.outputs(set);
            float[][][] y = second.outputs(set);
            double spread = 0;
            for (int i = 0; i < set.size(); i++) {
                for (int j = 0; j < mean[i][0].length; j++) {
                    assertEquals((x[i][0][j] + y[i][0][j]) / 2, mean[i][0][j], 1e-6, "gain");
                    assertEquals((x[i][1][j] + y[i][1][j]) / 2, mean[i][1][j], 1e-6, "strength");
                    spread = Math.max(spread, Math.abs(x[i][0][j] - y[i][0][j]));
                }
            }
            assertTrue(spread > 1e-3, "the members must differ for the mean to be tested: " + spread);
            // Weight 1: the targets are the teacher's own.
            assertEquals(mean[0][0][5], pair.distill(set).get(0).gains()[5], 0f);
        }
    }

    @Test
    void badTeachersAndWeightsAreRefused() {
        byte[] net = randomNetwork(8);
        for (float w : new float[] {0f, -0.1f, 1.5f, Float.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> DistillationTeacher.load(net, w), "weight " + w);
        }
        assertThrows(ModelFormatException.class, () -> DistillationTeacher.load(new byte[] {1, 2, 3}, 0.5f));
        ModelWriter old = new ModelWriter("old", "1", PercepNet.FEATURES_WITHOUT_LOOKAHEAD);
        dev.hush.nn.ModelFile f = dev.hush.nn.ModelFile.parse(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistillationTeacher.load(narrowed(f, old), 0.5f));
        assertTrue(e.getMessage().contains("features"), e.getMessage());
    }

    /** The same network cut down to the 70 inputs of models made before the look-ahead features. */
    private static byte[] narrowed(dev.hush.nn.ModelFile f, ModelWriter w) {
        for (int t = 0; t < f.tensorCount(); t++) {
            String name = f.tensorName(t);
            int[] dims = f.tensorDims(t);
            float[] v = f.tensor(name, dims);
            if (name.equals("input.weight")) {
                int in = PercepNet.FEATURES_WITHOUT_LOOKAHEAD;
                float[] cut = new float[dims[0] * in];
                for (int o = 0; o < dims[0]; o++) {
                    System.arraycopy(v, o * dims[1], cut, o * in, in);
                }
                w.addFloat32(name, cut, dims[0], in);
            } else {
                w.addFloat32(name, v, dims);
            }
        }
        return w.toBytes();
    }
}
