package dev.hush.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayAlignmentTest {
    private static final float[] REF = TestSignals.speechLike(48_000, 2.0, 5);

    private static float[] delayed(float[] x, int delay, float gain) {
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            int j = i - delay;
            y[i] = j >= 0 && j < x.length ? gain * x[j] : 0;
        }
        return y;
    }

    @Test
    void recoversAKnownDelayUnderNoiseAndGain() {
        for (int delay : new int[] {0, 480, 1530, -37}) {
            float[] est = TestSignals.mix(delayed(REF, delay, 0.3f), TestSignals.whiteNoise(REF.length, delay + 1000), 5);
            assertEquals(delay, DelayAlignment.findLagSamples(REF, est, 4800), "delay " + delay);
        }
    }

    @Test
    void searchStaysWithinBounds() {
        float[] est = delayed(REF, 3000, 1f);
        int lag = DelayAlignment.findLagSamples(REF, est, 1000);
        assertTrue(Math.abs(lag) <= 1000, "lag " + lag);
    }

    @Test
    void alignUndoesTheDelay() {
        float[] est = delayed(REF, 480, 1f);
        float[] aligned = DelayAlignment.align(REF, est, 2000);
        assertEquals(REF.length, aligned.length);
        float[] expectedHead = java.util.Arrays.copyOf(REF, REF.length - 480);
        assertArrayEquals(expectedHead, java.util.Arrays.copyOf(aligned, REF.length - 480), 0f);
    }
}
