package dev.hush.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoiTest {
    private static final int RATE_HZ = 48_000;
    private static final float[] CLEAN = TestSignals.speechLike(RATE_HZ, 4.0, 7);
    private static final float[] NOISE = TestSignals.whiteNoise(CLEAN.length, 11);

    @Test
    void identicalSignalsScoreOne() {
        assertEquals(1.0, Stoi.compute(CLEAN, CLEAN, RATE_HZ), 1e-6);
    }

    @Test
    void gainDoesNotMatter() {
        float[] louder = new float[CLEAN.length];
        for (int i = 0; i < louder.length; i++) {
            louder[i] = 3.5f * CLEAN[i];
        }
        assertEquals(1.0, Stoi.compute(CLEAN, louder, RATE_HZ), 1e-6);
    }

    /**
     * The reference: pystoi 0.4.1 (Taal et al.'s algorithm as most papers score it), run on these exact signals
     * (written out as float32) on 2026-12-07. Its values are copied below; its code is not in this project. Both
     * resample to 10 kHz with their own filters, hence a tolerance: the largest difference seen here was 2e-6, and
     * over the 40 noisy development clips (real speech, 48 kHz) 1e-4 typically, 0.003 at most.
     */
    @Test
    void matchesTheReferenceImplementation() {
        double[] snrsDb = {10, 5, 0, -5};
        double[][] pystoi = {
                {0.967267, 0.918952, 0.840105, 0.725277}, // 48 kHz
                {0.925690, 0.849248, 0.736341, 0.595751}, // 16 kHz
        };
        int[] rates = {48_000, 16_000};
        for (int r = 0; r < rates.length; r++) {
            float[] clean = TestSignals.speechLike(rates[r], 4.0, 7);
            float[] noise = TestSignals.whiteNoise(clean.length, 11);
            for (int k = 0; k < snrsDb.length; k++) {
                double d = Stoi.compute(clean, TestSignals.mix(clean, noise, snrsDb[k]), rates[r]);
                assertEquals(pystoi[r][k], d, 1e-4, rates[r] + " Hz, " + snrsDb[k] + " dB SNR");
            }
        }
    }

    @Test
    void decreasesMonotonicallyWithNoise() {
        double[] snrsDb = {30, 20, 10, 5, 0, -5, -10, -20};
        double previous = 1.0;
        for (double snr : snrsDb) {
            double d = Stoi.compute(CLEAN, TestSignals.mix(CLEAN, NOISE, snr), RATE_HZ);
            assertTrue(d < previous, "STOI at " + snr + " dB SNR (" + d + ") should be below the previous " + previous);
            previous = d;
        }
    }

    @Test
    void sanityRanges() {
        // Light noise barely matters; noise 20 dB above the speech leaves little of its envelope.
        double high = Stoi.compute(CLEAN, TestSignals.mix(CLEAN, NOISE, 30), RATE_HZ);
        double low = Stoi.compute(CLEAN, TestSignals.mix(CLEAN, NOISE, -20), RATE_HZ);
        assertTrue(high > 0.95, "30 dB SNR gave " + high);
        assertTrue(low < 0.6, "-20 dB SNR gave " + low);
        // An unrelated signal: envelopes uncorrelated on average.
        float[] other = TestSignals.speechLike(RATE_HZ, 4.0, 99);
        double unrelated = Stoi.compute(CLEAN, other, RATE_HZ);
        assertTrue(Math.abs(unrelated) < 0.3, "unrelated speech gave " + unrelated);
    }

    @Test
    void sampleRateIsHandled() {
        float[] clean10k = TestSignals.speechLike(Stoi.SAMPLE_RATE_HZ, 4.0, 7);
        float[] noisy10k = TestSignals.mix(clean10k, TestSignals.whiteNoise(clean10k.length, 3), 0);
        float[] clean48k = TestSignals.speechLike(RATE_HZ, 4.0, 7);
        float[] noisy48k = TestSignals.mix(clean48k, TestSignals.whiteNoise(clean48k.length, 3), 0);
        // Same content synthesised at two rates; white noise at 48 kHz puts only ~10/48 of its power below 5 kHz,
        // so compare the 48 kHz case against 10 kHz noise at the equivalent in-band SNR.
        double at48 = Stoi.compute(clean48k, noisy48k, RATE_HZ);
        double at10 = Stoi.compute(clean10k, TestSignals.mix(clean10k, TestSignals.whiteNoise(clean10k.length, 3),
                10 * Math.log10(48.0 / 10.0)), Stoi.SAMPLE_RATE_HZ);
        assertEquals(at10, at48, 0.05);
        assertTrue(Stoi.compute(clean10k, noisy10k, Stoi.SAMPLE_RATE_HZ) < at10);
    }

    @Test
    void tooShortIsAnError() {
        float[] shortSignal = TestSignals.speechLike(RATE_HZ, 0.2, 1);
        assertThrows(IllegalArgumentException.class, () -> Stoi.compute(shortSignal, shortSignal, RATE_HZ));
    }
}
