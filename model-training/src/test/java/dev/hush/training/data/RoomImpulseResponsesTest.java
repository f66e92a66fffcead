package dev.hush.training.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomImpulseResponsesTest {
    private static final int RATE = 48_000;

    /** Exponentially decaying noise: energy falls 60 dB in rt60 seconds. */
    private static float[] decay(double rt60, double seconds) {
        Random rnd = new Random(3);
        float[] h = new float[(int) (seconds * RATE)];
        double perSample = Math.pow(10, -3.0 / (rt60 * RATE)); // amplitude factor: -60 dB over rt60
        double a = 1;
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) (a * rnd.nextGaussian());
            a *= perSample;
        }
        return h;
    }

    @Test
    void rt60OfAKnownDecay() {
        for (double rt : new double[] {0.2, 0.5, 0.9}) {
            assertEquals(rt, RoomImpulseResponses.rt60Seconds(decay(rt, 2.0), RATE), 0.1 * rt);
        }
    }

    @Test
    void tailIsCutBelowTheFloor() {
        float[] h = decay(0.3, 2.0);
        float[] t = RoomImpulseResponses.trimTail(h);
        // -70 dB at 60 dB per 0.3 s: about 0.35 s, give or take the noise's peaks.
        double seconds = (double) t.length / RATE;
        assertTrue(seconds > 0.25 && seconds < 0.45, "kept " + seconds + " s");
    }
}
