package dev.hush.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PauseAttenuationTest {
    @Test
    void knownGainInPausesGivesItsDrop() {
        float[] noisy = TestSignals.whiteNoise(48_000, 1);
        float[] out = noisy.clone();
        List<PauseAttenuation.Region> pauses = List.of(new PauseAttenuation.Region(0, 10_000),
                new PauseAttenuation.Region(30_000, 40_000));
        for (PauseAttenuation.Region r : pauses) {
            for (int i = r.start(); i < r.end(); i++) {
                out[i] *= 0.1f; // -20 dB
            }
        }
        // Speech regions are boosted: they must not enter the measure.
        for (int i = 10_000; i < 30_000; i++) {
            out[i] *= 5f;
        }
        assertEquals(20.0, PauseAttenuation.levelDropDb(noisy, out, pauses), 1e-4);
        assertEquals(0.0, PauseAttenuation.levelDropDb(noisy, noisy, pauses), 1e-9);
    }

    @Test
    void silentOutputIsCapped() {
        float[] noisy = TestSignals.whiteNoise(1000, 2);
        assertEquals(PauseAttenuation.MAX_DROP_DB,
                PauseAttenuation.levelDropDb(noisy, new float[1000], List.of(new PauseAttenuation.Region(0, 1000))));
    }

    @Test
    void regionsBeyondTheSignalAreRejected() {
        float[] noisy = TestSignals.whiteNoise(1000, 2);
        assertThrows(IllegalArgumentException.class,
                () -> PauseAttenuation.levelDropDb(noisy, noisy, List.of(new PauseAttenuation.Region(900, 1100))));
        assertThrows(IllegalArgumentException.class, () -> new PauseAttenuation.Region(10, 5));
    }
}
