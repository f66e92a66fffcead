package dev.hush.training.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.hush.dsp.ErbBands;
import dev.hush.dsp.PercepNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * PercepNet's loss's envelope term against a plain-Java computation of STOI's correlation, and the properties it is
 * there for: it ignores level, it punishes noise left in weak bands, and it ignores silent frames.
 */
class EnvelopeTermTest {
    private static final int SEGMENTS = 2;
    /** Two full blocks and a tail the term must leave out. */
    private static final int FRAMES = 2 * PercepNetLoss.ENVELOPE_BLOCK_FRAMES + 7;
    private static final int BANDS = PercepNet.BANDS;
    private static final int N = SEGMENTS * FRAMES * BANDS;

    private record Case(float[] g, float[] gHat, float[] energy) {
        Case copyWithPrediction(float[] prediction) {
            return new Case(g, prediction, energy);
        }
    }

    /** Speech-like targets: a syllable rhythm in every band, some silent frames, and a masked-off top. */
    private static Case speechCase(long seed) {
        Random rnd = new Random(seed);
        float[] g = new float[N];
        float[] gHat = new float[N];
        float[] energy = new float[N];
        for (int s = 0; s < SEGMENTS; s++) {
            for (int t = 0; t < FRAMES; t++) {
                boolean silent = t % 11 < 2;
                for (int b = 0; b < BANDS; b++) {
                    int i = (s * FRAMES + t) * BANDS + b;
                    energy[i] = b >= 30 ? 0f : (float) Math.pow(10, rnd.nextDouble() * 3 - 1 - b * 0.1);
                    g[i] = silent ? 0f : (float) (0.5 + 0.45 * Math.sin(t * 0.7 + b + s)) * rnd.nextFloat();
                    gHat[i] = rnd.nextFloat();
                }
            }
        }
        return new Case(g, gHat, energy);
    }

    private static double djl(Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(SEGMENTS, FRAMES, BANDS);
            return PercepNetLoss.envelopeDistance(m.create(c.g, shape), m.create(c.gHat, shape),
                    m.create(c.energy, shape)).getFloat();
        }
    }

    /** 1 − mean correlation, written out the way STOI states it, with the term's guard and speech-frame rule. */
    private static double reference(Case c) {
        int block = PercepNetLoss.ENVELOPE_BLOCK_FRAMES;
        int[] bands = PercepNetLoss.envelopeBands(BANDS);
        double sum = 0;
        int count = 0;
        for (int s = 0; s < SEGMENTS; s++) {
            double[] frameEnergy = new double[FRAMES];
            double loudest = 0;
            for (int t = 0; t < 2 * block; t++) {
                for (int b = 0; b < BANDS; b++) {
                    int i = (s * FRAMES + t) * BANDS + b;
                    frameEnergy[t] += c.g[i] * c.g[i] * c.energy[i];
                }
                loudest = Math.max(loudest, frameEnergy[t]);
            }
            for (int k = 0; k < 2; k++) {
                for (int b = bands[0]; b < bands[1]; b++) {
                    // The block's speech frames: clean envelope, enhanced envelope, noisy energy.
                    List<double[]> speech = new ArrayList<>();
                    for (int t = k * block; t < (k + 1) * block; t++) {
                        if (frameEnergy[t] > loudest * PercepNetLoss.ENVELOPE_SILENT_SHARE) {
                            int i = (s * FRAMES + t) * BANDS + b;
                            double a = Math.sqrt(c.energy[i]);
                            speech.add(new double[] {c.g[i] * a, c.gHat[i] * a, c.energy[i]});
                        }
                    }
                    double n = speech.size();
                    double mx = speech.stream().mapToDouble(v -> v[0]).sum() / n;
                    double my = speech.stream().mapToDouble(v -> v[1]).sum() / n;
                    double noisy = speech.stream().mapToDouble(v -> v[2]).sum();
                    if (n < PercepNetLoss.ENVELOPE_MIN_SPEECH_FRAMES || noisy == 0) {
                        continue;
                    }
                    double cov = 0;
                    double vx = 0;
                    double vy = 0;
                    for (double[] v : speech) {
                        cov += (v[0] - mx) * (v[1] - my);
                        vx += (v[0] - mx) * (v[0] - mx);
                        vy += (v[1] - my) * (v[1] - my);
                    }
                    double enhancedEnergy = speech.stream().mapToDouble(v -> v[1] * v[1]).sum();
                    double guard = PercepNetLoss.ENVELOPE_GUARD;
                    sum += 1 - cov / Math.sqrt((vx + guard * noisy) * (vy + guard * enhancedEnergy));
                    count++;
                }
            }
        }
        return sum / count;
    }

    @Test
    void theBandsAreThoseStoiListensTo() {
        int[] bands = PercepNetLoss.envelopeBands(BANDS);
        assertTrue(ErbBands.centerHz(bands[0]) >= 134 && ErbBands.centerHz(bands[0] - 1) < 134);
        assertTrue(ErbBands.centerHz(bands[1] - 1) <= 4277 && ErbBands.centerHz(bands[1]) > 4277);
    }

    @Test
    void itIsOneMinusStoisCorrelation() {
        for (long seed = 1; seed < 4; seed++) {
            Case c = speechCase(seed);
            double expected = reference(c);
            assertTrue(expected > 0.5, "random predictions barely correlate: " + expected);
            assertEquals(expected, djl(c), 1e-4, "seed " + seed);
        }
    }

    @Test
    void theTargetAtAnyLevelCostsTheSame() {
        Case c = speechCase(5);
        float[] quieter = c.g.clone();
        for (int i = 0; i < N; i++) {
            quieter[i] *= 0.3f;
        }
        double exact = djl(c.copyWithPrediction(c.g));
        // Not exactly 0: the guards are added to the variances.
        assertEquals(0, exact, 0.02);
        assertEquals(exact, djl(c.copyWithPrediction(quieter)), 1e-4, "the level of the output does not count");
    }

    @Test
    void noiseLeftInAWeakBandCostsAsMuchAsInALoudOne() {
        Case c = speechCase(6);
        int[] bands = PercepNetLoss.envelopeBands(BANDS);
        for (int i = 0; i < N; i++) {
            int b = i % BANDS;
            c.energy[i] = b >= 30 ? 0f : b % 2 == 0 ? 1f : 1e-4f;
        }
        float[] loudMiss = c.g.clone();
        float[] weakMiss = c.g.clone();
        for (int i = 0; i < N; i++) {
            // A gain stuck at 0.8 in a band lets its noise through whatever the speech does.
            if (i % BANDS == bands[0]) {
                loudMiss[i] = 0.8f;
            } else if (i % BANDS == bands[0] + 1) {
                weakMiss[i] = 0.8f;
            }
        }
        double loud = djl(c.copyWithPrediction(loudMiss));
        double weak = djl(c.copyWithPrediction(weakMiss));
        assertTrue(loud > 0.01, "a flat gain breaks the envelope: " + loud);
        assertEquals(loud, weak, 0.2 * loud, "the weak band counts alike");
    }

    @Test
    void silentFramesAreLeftOut() {
        Case c = speechCase(7);
        float[] noisyPauses = c.g.clone();
        for (int i = 0; i < N; i++) {
            // Pauses (target 0 in every band) let noise through: STOI leaves those frames out, so must the term.
            if (c.g[i] == 0f && frameIsSilent(c, i)) {
                noisyPauses[i] = 0.9f;
            }
        }
        assertEquals(djl(c.copyWithPrediction(c.g)), djl(c.copyWithPrediction(noisyPauses)), 1e-5);
    }

    private static boolean frameIsSilent(Case c, int i) {
        int first = i - i % BANDS;
        for (int j = first; j < first + BANDS; j++) {
            if (c.g[j] != 0f) {
                return false;
            }
        }
        return true;
    }

    @Test
    void itAddsToTheLossWithItsWeight() {
        Case c = speechCase(8);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(SEGMENTS, FRAMES, BANDS);
            NDArray g = m.create(c.g, shape);
            NDArray ones = m.ones(shape);
            ai.djl.ndarray.NDList labels = new ai.djl.ndarray.NDList(g, ones.mul(0.5f), ones, m.create(c.energy, shape));
            ai.djl.ndarray.NDList predictions = new ai.djl.ndarray.NDList(m.create(c.gHat, shape), ones.mul(0.5f));
            float without = new PercepNetLoss(0f, 0f).evaluate(labels, predictions).getFloat();
            float with = new PercepNetLoss(0f, 0f, 2f).evaluate(labels, predictions).getFloat();
            assertEquals(2 * reference(c), with - without, 1e-4);
        }
    }

    @Test
    void segmentsShorterThanABlockAreAClearError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray small = m.ones(new Shape(1, PercepNetLoss.ENVELOPE_BLOCK_FRAMES - 1, BANDS));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PercepNetLoss.envelopeDistance(small, small, small));
            assertTrue(e.getMessage().contains("envelope block"), e.getMessage());
        }
    }
}
