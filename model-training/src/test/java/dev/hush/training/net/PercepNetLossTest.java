package dev.hush.training.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loss against a plain-Java computation of its formula, and the property the output-signal term is for. */
class PercepNetLossTest {
    private static final int SEGMENTS = 2;
    private static final int FRAMES = 3;
    private static final int BANDS = 4;
    private static final int N = SEGMENTS * FRAMES * BANDS;

    private record Case(float[] g, float[] r, float[] mask, float[] energy, float[] gHat, float[] rHat) {
    }

    private static Case randomCase(long seed) {
        Random rnd = new Random(seed);
        float[][] a = new float[6][N];
        for (int i = 0; i < N; i++) {
            a[0][i] = rnd.nextFloat();
            a[1][i] = rnd.nextFloat();
            a[2][i] = i % 5 == 4 ? 0f : 1f;
            a[3][i] = (float) Math.pow(10, rnd.nextDouble() * 6 - 6);
            a[4][i] = rnd.nextFloat();
            a[5][i] = rnd.nextFloat();
        }
        return new Case(a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    private static float djl(PercepNetLoss loss, Case c) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape s = new Shape(SEGMENTS, FRAMES, BANDS);
            NDList labels = new NDList(m.create(c.g, s), m.create(c.r, s), m.create(c.mask, s), m.create(c.energy, s));
            NDList predictions = new NDList(m.create(c.gHat, s), m.create(c.rHat, s));
            return loss.evaluate(labels, predictions).getFloat();
        }
    }

    /** PercepNet's terms, written out the way the paper states them. */
    private static double percepNetTerms(Case c) {
        double sum = 0;
        double count = 0;
        for (int i = 0; i < N; i++) {
            double dg = Math.sqrt(c.g[i] + 1e-6) - Math.sqrt(c.gHat[i] + 1e-6);
            double dr = Math.sqrt(1 - c.r[i] + 1e-6) - Math.sqrt(1 - c.rHat[i] + 1e-6);
            sum += c.mask[i] * (dg * dg + 10 * Math.pow(dg, 4) + 0.5 * dr * dr);
            count += c.mask[i];
        }
        return sum / count;
    }

    /** Per element of a {@link Case}. */
    private interface Term {
        double at(Case c, int i);
    }

    /** Mean over segments of 10·log10((Σ w·a + δ) / (Σ w·b + δ)), δ = guardShare·Σ w, written out in plain Java. */
    private static double segmentRatioDb(Case c, Term w, Term a, Term b, double guardShare) {
        double total = 0;
        for (int s = 0; s < SEGMENTS; s++) {
            double weight = 0;
            double numerator = 0;
            double denominator = 0;
            for (int i = s * FRAMES * BANDS; i < (s + 1) * FRAMES * BANDS; i++) {
                double wi = w.at(c, i);
                weight += wi;
                numerator += wi * a.at(c, i);
                denominator += wi * b.at(c, i);
            }
            double guard = guardShare * weight;
            total += 10 * Math.log10((numerator + guard) / (denominator + guard));
        }
        return total / SEGMENTS;
    }

    /** Mean over segments of the band-domain distortion-to-speech ratio in dB. */
    private static double signalTerm(Case c) {
        return segmentRatioDb(c, (k, i) -> k.energy[i] * k.mask[i],
                (k, i) -> (k.g[i] - k.gHat[i]) * (k.g[i] - k.gHat[i]), (k, i) -> k.g[i] * k.g[i],
                PercepNetLoss.SIGNAL_GUARD);
    }

    /** Whether the frame holding element i has every band's (masked) target gain under the pause threshold. */
    private static boolean inPause(Case c, int i) {
        int first = i - i % BANDS;
        for (int j = first; j < first + BANDS; j++) {
            if (c.g[j] * c.mask[j] >= PercepNetLoss.PAUSE_FRAME_GAIN) {
                return false;
            }
        }
        return true;
    }

    /** Mean over segments of how far the noise (E_y(1 - g²)) of pause frames is lowered by the predicted gains, in dB. */
    private static double pauseTerm(Case c) {
        return segmentRatioDb(c, (k, i) -> inPause(k, i) ? k.energy[i] * k.mask[i] * (1 - k.g[i] * k.g[i]) : 0,
                (k, i) -> k.gHat[i] * k.gHat[i], (k, i) -> 1, PercepNetLoss.PAUSE_GUARD);
    }

    /** Every third frame becomes a pause: its target gains drop under the pause threshold. */
    private static Case withPauses(Case c) {
        for (int i = 0; i < N; i++) {
            if ((i / BANDS) % 3 == 0) {
                c.g[i] *= 0.09f;
            }
        }
        return c;
    }

    @Test
    void withoutTheSignalTermItIsPercepNetsLoss() {
        Case c = randomCase(1);
        assertEquals(percepNetTerms(c), djl(new PercepNetLoss(0f, 0f), c), 1e-5);
    }

    @Test
    void theSignalTermIsTheDistortionRatioInDecibels() {
        for (long seed = 2; seed < 6; seed++) {
            Case c = randomCase(seed);
            double expected = percepNetTerms(c) + PercepNetLoss.SIGNAL_WEIGHT * signalTerm(c);
            assertEquals(expected, djl(new PercepNetLoss(), c), 1e-4, "seed " + seed);
        }
    }

    @Test
    void thePauseTermIsTheNoiseAttenuationInDecibels() {
        for (long seed = 8; seed < 11; seed++) {
            Case c = withPauses(randomCase(seed));
            double pause = pauseTerm(c);
            assertTrue(pause < -1, "the case has pauses for the term to see: " + pause);
            double expected = percepNetTerms(c) + 0.3 * pause;
            assertEquals(expected, djl(new PercepNetLoss(0f, 0.3f), c), 1e-4, "seed " + seed);
        }
    }

    @Test
    void thePauseTermRewardsDeeperGainsWhereThereIsOnlyNoise() {
        Case c = randomCase(12);
        for (int i = 0; i < N; i++) {
            c.mask[i] = 1f;
            c.g[i] = 0f;
            c.gHat[i] = 0.3f;
        }
        Case deeper = new Case(c.g, c.r, c.mask, c.energy, c.gHat.clone(), c.rHat);
        java.util.Arrays.fill(deeper.gHat, 0.1f);
        PercepNetLoss pausesOnly = new PercepNetLoss(0f, 1f);
        // 0.3 -> 0.1 lowers the noise by a further 20·log10(3) = 9.5 dB.
        assertEquals(-9.54, djl(pausesOnly, deeper) - djl(pausesOnly, c) - (percepNetTerms(deeper) - percepNetTerms(c)),
                0.05);
    }

    @Test
    void thePauseTermIgnoresFramesWithSpeech() {
        Case c = randomCase(13);
        for (int i = 0; i < N; i++) {
            c.mask[i] = 1f;
            c.g[i] = i % BANDS == 0 ? 0.5f : 0f;
        }
        Case deeper = new Case(c.g, c.r, c.mask, c.energy, c.gHat.clone(), c.rHat);
        for (int i = 0; i < N; i++) {
            deeper.gHat[i] *= 0.1f;
        }
        PercepNetLoss pausesOnly = new PercepNetLoss(0f, 1f);
        // One band of speech in every frame: no pause frame, so only PercepNet's own terms change.
        assertEquals(0, djl(pausesOnly, deeper) - djl(pausesOnly, c) - (percepNetTerms(deeper) - percepNetTerms(c)), 1e-4);
    }

    @Test
    void anErrorInALoudBandCostsMoreThanTheSameErrorInAQuietOne() {
        Case c = randomCase(7);
        System.arraycopy(c.g, 0, c.gHat, 0, N);
        System.arraycopy(c.r, 0, c.rHat, 0, N);
        for (int i = 0; i < N; i++) {
            c.mask[i] = 1f;
            c.energy[i] = i % BANDS == 0 ? 1f : 1e-4f;
            c.g[i] = 0.9f;
            c.gHat[i] = 0.9f;
        }
        Case loudMiss = new Case(c.g, c.r, c.mask, c.energy, c.gHat.clone(), c.rHat);
        Case quietMiss = new Case(c.g, c.r, c.mask, c.energy, c.gHat.clone(), c.rHat);
        loudMiss.gHat[0] = 0.5f;
        quietMiss.gHat[1] = 0.5f;
        PercepNetLoss gainsOnly = new PercepNetLoss(0f, 0f);
        // PercepNet's terms cannot tell the two apart: each band counts alike.
        assertEquals(djl(gainsOnly, loudMiss), djl(gainsOnly, quietMiss), 1e-7);
        PercepNetLoss withSignal = new PercepNetLoss();
        assertTrue(djl(withSignal, loudMiss) > djl(withSignal, quietMiss) + 0.01,
                "loud " + djl(withSignal, loudMiss) + " quiet " + djl(withSignal, quietMiss));
    }
}
