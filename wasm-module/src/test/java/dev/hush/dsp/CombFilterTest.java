package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CombFilterTest {
    private static final int LOOKAHEAD = 960;

    /** Amplitude of a sinusoid of frequency hz in x[from, to) by projection (the window holds whole cycles). */
    private static double amplitude(float[] x, int from, int to, double hz) {
        double c = 0;
        double s = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / PercepNet.SAMPLE_RATE_HZ;
            c += x[i] * Math.cos(w);
            s += x[i] * Math.sin(w);
        }
        return 2 * Math.hypot(c, s) / (to - from);
    }

    @Test
    void passesHarmonicsOfThePeriodAndAttenuatesBetweenThem() {
        int period = 240; // 200 Hz
        int n = 12_000;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / PercepNet.SAMPLE_RATE_HZ;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 200 * t) + 0.2 * Math.sin(2 * Math.PI * 600 * t)
                    + 0.3 * Math.sin(2 * Math.PI * 300 * t) + 0.2 * Math.sin(2 * Math.PI * 500 * t));
        }
        CombFilter comb = new CombFilter(LOOKAHEAD);
        assertEquals(3, comb.order(period));
        int start = 3 * period;
        int length = 4800;
        float[] y = new float[length];
        comb.apply(x, start, length, period, y);
        float[] out = new float[n];
        System.arraycopy(y, 0, out, start, length);
        assertEquals(0.3, amplitude(out, start, start + length, 200), 0.003, "fundamental kept");
        assertEquals(0.2, amplitude(out, start, start + length, 600), 0.002, "3rd harmonic kept");
        // Half-way between harmonics the Hann comb (M = 3) has a zero-ish response: at least 30 dB down.
        assertTrue(amplitude(out, start, start + length, 300) < 0.3 * 0.0316, "300 Hz between harmonics");
        assertTrue(amplitude(out, start, start + length, 500) < 0.2 * 0.0316, "500 Hz between harmonics");
    }

    @Test
    void whiteNoisePowerDropsByTheStatedNoiseAttenuation() {
        CombFilter comb = new CombFilter(LOOKAHEAD);
        for (int period : new int[] {100, 400, 700}) {
            float[] x = TestSignals.whiteNoise(40_000, 1.0, period);
            int start = 3 * 768;
            int length = 30_000;
            float[] y = new float[length];
            comb.apply(x, start, length, period, y);
            double inPower = Math.pow(TestSignals.rms(x, start, start + length), 2);
            double outPower = Math.pow(TestSignals.rms(y, 0, length), 2);
            assertEquals(comb.noiseAttenuation(period), outPower / inPower, 0.05 * comb.noiseAttenuation(period),
                    "period " + period);
            assertTrue(comb.noiseAttenuation(period) < 0.5);
        }
    }

    @Test
    void longPeriodsUseAShorterSymmetricFilterThatStaysInsideTheLookahead() {
        CombFilter comb = new CombFilter(LOOKAHEAD);
        assertEquals(3, comb.order(320));
        assertEquals(2, comb.order(321));
        assertEquals(2, comb.order(480));
        assertEquals(1, comb.order(768));
        for (int period = PercepNet.PITCH_MIN_PERIOD_SAMPLES; period <= PercepNet.PITCH_MAX_PERIOD_SAMPLES; period++) {
            assertTrue(comb.order(period) * period <= LOOKAHEAD);
        }
    }
}
