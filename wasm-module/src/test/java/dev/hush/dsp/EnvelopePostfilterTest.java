package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvelopePostfilterTest {
    private static final int B = PercepNet.BANDS;

    @Test
    void theShippedWarpIsTheSquareRootAndExponentOneIsPercepNets() {
        float[] gains = new float[B];
        float[] energy = new float[B];
        randomFrame(5, gains, energy);
        float[] shipped = gains.clone();
        EnvelopePostfilter.apply(shipped, energy);
        float[] half = gains.clone();
        EnvelopePostfilter.apply(half, energy, 0.5);
        assertArrayEquals(shipped, half, 0f, "the shipped path is exponent ½");

        float[] percepNet = gains.clone();
        EnvelopePostfilter.apply(percepNet, energy, 1.0);
        // PercepNet's postfilter by hand: g·sin(πg/2), then the global gain that restores energy, capped through β.
        double e0 = 0;
        double e1 = 0;
        double[] warped = new double[B];
        for (int b = 0; b < B; b++) {
            warped[b] = gains[b] * Math.sin(Math.PI * gains[b] / 2);
            e0 += (double) gains[b] * gains[b] * energy[b];
            e1 += warped[b] * warped[b] * energy[b];
        }
        double r = e0 / e1;
        double global = Math.sqrt((1 + EnvelopePostfilter.BETA) * r / (1 + EnvelopePostfilter.BETA * r * r));
        for (int b = 0; b < B; b++) {
            assertEquals(warped[b] * global, percepNet[b], 1e-5, "band " + b);
        }
        double moved = 0;
        for (int b = 0; b < B; b++) {
            moved = Math.max(moved, Math.abs(percepNet[b] - shipped[b]));
        }
        assertEquals(true, moved > 1e-3, "the exponent changes the gains (max change " + moved + ")");
    }

    @Test
    void aPauseDependentWarpUsesThePauseExponentBelowTheThresholdAndTheSpeechOneAboveIt() {
        double speech = 0.0;
        double pause = 1.0;
        double below = -20;
        float quiet = (float) Math.pow(10, -30 / 10.0);
        float atThreshold = (float) Math.pow(10, below / 10);
        float halfway = (float) Math.pow(10, (below + EnvelopePostfilter.WARP_TRANSITION_DB / 2) / 10);
        float loud = 0.5f;
        assertEquals(pause, EnvelopePostfilter.warpExponent(quiet, speech, pause, below), 0);
        assertEquals(pause, EnvelopePostfilter.warpExponent(0f, speech, pause, below), 0, "no speech at all");
        assertEquals(pause, EnvelopePostfilter.warpExponent(atThreshold, speech, pause, below), 1e-6);
        assertEquals(0.5, EnvelopePostfilter.warpExponent(halfway, speech, pause, below), 1e-6, "linear in dB");
        assertEquals(speech, EnvelopePostfilter.warpExponent(loud, speech, pause, below), 0);
        assertEquals(0.5, EnvelopePostfilter.warpExponent(quiet, 0.5, 0.5, below), 0, "one exponent: no switch");
    }

    @Test
    void exponentZeroLeavesTheGainsAlone() {
        float[] gains = new float[B];
        float[] energy = new float[B];
        randomFrame(9, gains, energy);
        float[] none = gains.clone();
        EnvelopePostfilter.apply(none, energy, 0);
        assertArrayEquals(gains, none, 1e-6f, "no warp, so no energy to restore");
    }

    /** Gains uniform in [0, 1) and band energies spread over 40 dB, as a frame of noisy speech might give. */
    private static void randomFrame(long seed, float[] gains, float[] energy) {
        Random random = new Random(seed);
        for (int b = 0; b < B; b++) {
            gains[b] = random.nextFloat();
            energy[b] = (float) Math.pow(10, 4 * random.nextDouble() - 6);
        }
    }
}
