package dev.hush.training.corpus;

import dev.hush.metrics.Resampler;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BandwidthMeterTest {
    private static float[] pinkish(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s = 0.95 * s + 0.05 * rnd.nextGaussian();
            x[i] = (float) (0.2 * s + 0.002 * rnd.nextGaussian());
        }
        return x;
    }

    @Test
    void telephoneBandSourceReadsAsItsOriginalNyquist() {
        // 16 kHz material upsampled to 48 kHz, as the G.722 prompts are: nothing above ~8 kHz.
        float[] at16k = pinkish(16_000 * 4, 1);
        float[] at48k = new Resampler(16_000, 48_000).process(at16k);
        BandwidthMeter m = new BandwidthMeter(48_000);
        m.add(at48k);
        double edge = m.edgeHz();
        // The resampler's transition band may reach into the 250 Hz band just above 8 kHz.
        assertTrue(edge > 6_500 && edge <= 8_000 + BandwidthMeter.REPORT_BAND_HZ, "edge " + edge);
        assertTrue(m.energyQuantileHz(0.99) < edge);
    }

    @Test
    void fullBandSourceReadsFullBand() {
        BandwidthMeter m = new BandwidthMeter(48_000);
        m.add(pinkish(48_000 * 4, 2));
        assertTrue(m.edgeHz() > 20_000, "edge " + m.edgeHz());
        assertEquals(24_000, m.energyQuantileHz(1.0), 24_000.0 / BandwidthMeter.FFT_SAMPLES);
    }
}
