package dev.hush.training.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spread between a recording's loud and quiet frames is the distance from its speech down to its own floor. */
class RecordingFloorTest {
    private static final int RATE = 48_000;

    /** Half a second of a steady tone at {@code 0 dB}, then half a second of white noise {@code floorDb} under it. */
    private static float[] toneThenFloor(double floorDb, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[RATE];
        double toneAmplitude = 0.3;
        // A sine's power is A²/2; uniform noise on [−a, a] has a²/3.
        double noiseAmplitude = Math.sqrt(3 * toneAmplitude * toneAmplitude / 2 * Math.pow(10, floorDb / 10));
        for (int i = 0; i < x.length; i++) {
            x[i] = i < RATE / 2
                    ? (float) (toneAmplitude * Math.sin(2 * Math.PI * 200 * i / RATE))
                    : (float) (noiseAmplitude * (2 * rnd.nextDouble() - 1));
        }
        return x;
    }

    @Test
    void theSpreadIsTheDistanceFromSpeechDownToTheFloor() {
        // Tolerance: 10 ms of white noise (480 samples) has a power within about ±0.6 dB of its mean at 3 sd.
        assertEquals(40, RecordingFloor.dynamicRangeDb(toneThenFloor(-40, 1)), 1.0);
        assertEquals(10, RecordingFloor.dynamicRangeDb(toneThenFloor(-10, 2)), 1.0);
    }

    @Test
    void aFewOutlierFramesDoNotDecide() {
        // 2 % digital silence and 2 % full-scale clicks sit outside the 5th and 95th percentiles.
        float[] x = toneThenFloor(-12, 3);
        int frame = RecordingFloor.FRAME_SAMPLES;
        int frames = x.length / frame;
        for (int f = 0; f < frames / 50; f++) {
            java.util.Arrays.fill(x, f * frame, (f + 1) * frame, 0f);
            java.util.Arrays.fill(x, (frames - 1 - f) * frame, (frames - f) * frame, 1f);
        }
        assertEquals(12, RecordingFloor.dynamicRangeDb(x), 1.0);
    }

    @Test
    void digitalSilenceIsAFiniteFloorAndTooShortARecordingIsNotClean() {
        float[] x = toneThenFloor(-10, 4);
        java.util.Arrays.fill(x, RATE / 2, x.length, 0f);
        double range = RecordingFloor.dynamicRangeDb(x);
        assertTrue(Double.isFinite(range) && range > 100, "tone over digital silence: " + range);
        assertEquals(0, RecordingFloor.dynamicRangeDb(new float[RecordingFloor.FRAME_SAMPLES + 100]));
    }
}
