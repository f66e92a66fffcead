package dev.hush.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.dsp.FrameAnalysis;
import dev.hush.dsp.PercepNet;
import org.junit.jupiter.api.Test;

class GainEnsembleTest {
    private static final int B = PercepNet.BANDS;
    /** Past the priming frame, so priming's extra steps are inside what is compared. */
    private static final int FRAMES = GainNetwork.STATE_PRIMING_FRAME + 6;

    private final FrameAnalysis[] frames = {
            GainNetworkTest.whiteNoiseFrame(31), GainNetworkTest.whiteNoiseFrame(32), GainNetworkTest.whiteNoiseFrame(33)};

    private static byte[] model(long seed) {
        return new GainNetworkTest().randomModel(seed, true);
    }

    @Test
    void eachFrameIsTheMeanOfTheMembersRunAloneThroughResets() {
        byte[] m1 = model(41);
        byte[] m2 = model(42);
        byte[] m3 = model(43);
        GainEnsemble ensemble = new GainEnsemble(GainNetwork.load(m1), GainNetwork.load(m2), GainNetwork.load(m3));
        GainNetwork[] alone = {GainNetwork.load(m1), GainNetwork.load(m2), GainNetwork.load(m3)};
        float[] g = new float[B];
        float[] s = new float[B];
        float[][] ga = new float[3][B];
        float[][] sa = new float[3][B];
        double spread = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int t = 0; t < FRAMES; t++) {
                FrameAnalysis frame = frames[t % frames.length];
                ensemble.estimate(frame, g, s);
                for (int m = 0; m < 3; m++) {
                    alone[m].estimate(frame, ga[m], sa[m]);
                }
                for (int b = 0; b < B; b++) {
                    double meanGain = (ga[0][b] + ga[1][b] + ga[2][b]) / 3.0;
                    double meanStrength = (sa[0][b] + sa[1][b] + sa[2][b]) / 3.0;
                    // float sums and a float 1/3: a few ulps of a value in [0, 1]
                    assertEquals(meanGain, g[b], 1e-6, "pass " + pass + " frame " + t + " gain " + b);
                    assertEquals(meanStrength, s[b], 1e-6, "pass " + pass + " frame " + t + " strength " + b);
                    spread = Math.max(spread, Math.abs(ga[0][b] - ga[1][b]));
                }
            }
            ensemble.reset();
            for (GainNetwork n : alone) {
                n.reset();
            }
        }
        assertTrue(spread > 1e-2, "the members must disagree for the mean to be tested (max gap " + spread + ")");
    }

    @Test
    void copiesOfOneNetworkAreThatNetworkExactly() {
        byte[] m = model(44);
        GainEnsemble ensemble = new GainEnsemble(GainNetwork.load(m), GainNetwork.load(m));
        assertSameOutputs(GainNetwork.load(m), ensemble, "");
    }

    /** Both give the same gains and strengths to the bit, frame after frame. */
    private void assertSameOutputs(GainModel expected, GainModel actual, String label) {
        float[] g = new float[B];
        float[] s = new float[B];
        float[] gRef = new float[B];
        float[] sRef = new float[B];
        for (int t = 0; t < FRAMES; t++) {
            actual.estimate(frames[t % frames.length], g, s);
            expected.estimate(frames[t % frames.length], gRef, sRef);
            assertArrayEquals(gRef, g, 0f, label + "frame " + t);
            assertArrayEquals(sRef, s, 0f, label + "frame " + t);
        }
    }

    @Test
    void primingStepsReachEveryMember() {
        byte[] m1 = model(45);
        byte[] m2 = model(46);
        GainEnsemble ensemble = new GainEnsemble(GainNetwork.load(m1), GainNetwork.load(m2));
        ensemble.setStatePrimingSteps(0);
        GainNetwork a = GainNetwork.load(m1);
        GainNetwork b = GainNetwork.load(m2);
        a.setStatePrimingSteps(0);
        b.setStatePrimingSteps(0);
        GainEnsemble unprimedAlone = new GainEnsemble(a, b);
        GainEnsemble primed = new GainEnsemble(GainNetwork.load(m1), GainNetwork.load(m2));
        float[] g = new float[B];
        float[] s = new float[B];
        float[] gRef = new float[B];
        float[] sRef = new float[B];
        float[] gPrimed = new float[B];
        double primingMoved = 0;
        for (int t = 0; t < FRAMES; t++) {
            FrameAnalysis frame = frames[t % frames.length];
            ensemble.estimate(frame, g, s);
            unprimedAlone.estimate(frame, gRef, sRef);
            primed.estimate(frame, gPrimed, sRef.clone());
            assertArrayEquals(gRef, g, 0f, "frame " + t);
            for (int k = 0; k < B; k++) {
                primingMoved = Math.max(primingMoved, Math.abs(gPrimed[k] - g[k]));
            }
        }
        assertTrue(primingMoved > 1e-4, "with priming on the gains differ (max " + primingMoved + ")");
        assertThrows(IllegalArgumentException.class, () -> ensemble.setStatePrimingSteps(-1));
    }

    @Test
    void oneNetworkIsNoEnsemble() {
        GainNetwork n = GainNetwork.load(model(47));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GainEnsemble(n));
        assertTrue(e.getMessage().contains("at least two"), e.getMessage());
        assertEquals(2, new GainEnsemble(n, GainNetwork.load(model(48))).size());
    }

    @Test
    void anEnsembleFileLoadsAsTheEnsembleOfItsMembersBitForBit() {
        byte[] m1 = model(51);
        byte[] m2 = new GainNetworkTest().randomModel(52, false);
        byte[] file = ModelWriter.ensemble("pair", "9.9.9", m1, m2);
        GainModel loaded = GainModel.load(file);
        assertTrue(loaded instanceof GainEnsemble, loaded.getClass().getName());
        assertEquals(2, ((GainEnsemble) loaded).size());
        assertEquals("pair", loaded.name());
        assertEquals("9.9.9", loaded.version());
        GainNetwork a = GainNetwork.load(m1);
        GainNetwork b = GainNetwork.load(m2);
        assertEquals(a.parameterCount() + b.parameterCount(), loaded.parameterCount());
        // int8 members are re-encoded from their dequantised values: the same integers and scales come back.
        assertSameOutputs(new GainEnsemble(a, b), loaded, "");
        assertEquals(GainModel.load(m1).getClass(), GainNetwork.class, "a single network's file is one network");
    }

    @Test
    void aMemberTakenOutIsTheNetworkThatWentIn() {
        byte[] m1 = model(61);
        byte[] m2 = new GainNetworkTest().randomModel(62, false);
        byte[] file = ModelWriter.ensemble("pair", "2.0.0", m1, m2);
        byte[][] in = {m1, m2};
        for (int k = 0; k < 2; k++) {
            GainNetwork out = GainNetwork.load(ModelWriter.member(file, k));
            assertEquals("2.0.0-m" + k, out.version());
            assertSameOutputs(GainNetwork.load(in[k]), out, "member " + k + ", ");
        }
        assertThrows(IllegalArgumentException.class, () -> ModelWriter.member(file, 2));
        ModelFormatException single = assertThrows(ModelFormatException.class, () -> ModelWriter.member(m1, 0));
        assertTrue(single.getMessage().contains("one network"), single.getMessage());
    }

    @Test
    void badEnsembleFilesAreRefusedWithAReason() {
        byte[] m1 = model(53);
        byte[] file = ModelWriter.ensemble("pair", "1", m1, model(54));
        ModelFormatException single = assertThrows(ModelFormatException.class, () -> GainNetwork.load(file));
        assertTrue(single.getMessage().contains("ensemble"), single.getMessage());

        ModelFile one = ModelFile.parse(m1);
        ModelWriter lone = new ModelWriter("lone", "1");
        ModelWriter mixed = new ModelWriter("mixed", "1");
        ModelFile pair = ModelFile.parse(file);
        for (int t = 0; t < one.tensorCount(); t++) {
            lone.addFloat32(GainModel.memberPrefix(0) + one.tensorName(t), one.tensorValues(t), one.tensorDims(t));
            mixed.addFloat32(one.tensorName(t), one.tensorValues(t), one.tensorDims(t));
        }
        for (int t = 0; t < pair.tensorCount(); t++) {
            mixed.addFloat32(pair.tensorName(t), pair.tensorValues(t), pair.tensorDims(t));
        }
        ModelFormatException loneError = assertThrows(ModelFormatException.class, () -> GainModel.load(lone.toBytes()));
        assertTrue(loneError.getMessage().contains("2 to 4 networks, this one has 1"), loneError.getMessage());
        ModelFormatException mixedError = assertThrows(ModelFormatException.class, () -> GainModel.load(mixed.toBytes()));
        assertTrue(mixedError.getMessage().contains("mixes"), mixedError.getMessage());

        assertThrows(IllegalArgumentException.class, () -> ModelWriter.ensemble("x", "1", m1));
        IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
                () -> ModelWriter.ensemble("x", "1", m1, new GainNetworkTest().randomModel(55, true,
                        PercepNet.FEATURES_WITHOUT_LOOKAHEAD)));
        assertTrue(features.getMessage().contains("features"), features.getMessage());
        assertThrows(ModelFormatException.class, () -> ModelWriter.ensemble("x", "1", m1, file),
                "an ensemble is not a member");
    }
}
