package dev.hush.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {
    private static float[] sine(double hz, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * hz * i / rate);
        }
        return x;
    }

    @Test
    void passbandSineSurvivesDownsampling() {
        float[] y = new Resampler(48_000, 10_000).process(sine(1000, 48_000, 48_000));
        assertEquals(10_000, y.length);
        double maxErr = 0;
        // Skip the filter's edges.
        for (int n = 200; n < y.length - 200; n++) {
            maxErr = Math.max(maxErr, Math.abs(y[n] - Math.sin(2 * Math.PI * 1000 * n / 10_000.0)));
        }
        assertTrue(maxErr < 0.01, "max error " + maxErr);
    }

    @Test
    void aboveNewNyquistIsRemoved() {
        float[] y = new Resampler(48_000, 10_000).process(sine(8000, 48_000, 48_000));
        double e = 0;
        for (int n = 200; n < y.length - 200; n++) {
            e += y[n] * y[n];
        }
        double rmsDb = 10 * Math.log10(e / (y.length - 400) / 0.5);
        assertTrue(rmsDb < -50, "8 kHz leaked at " + rmsDb + " dB");
    }

    @Test
    void upsamplingKeepsTheWaveform() {
        float[] y = new Resampler(16_000, 48_000).process(sine(440, 16_000, 16_000));
        assertEquals(48_000, y.length);
        double maxErr = 0;
        for (int n = 600; n < y.length - 600; n++) {
            maxErr = Math.max(maxErr, Math.abs(y[n] - Math.sin(2 * Math.PI * 440 * n / 48_000.0)));
        }
        assertTrue(maxErr < 0.01, "max error " + maxErr);
    }
}
