package dev.hush.training.corpus;

import dev.hush.audio.Resampler;
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

    @Test
    void hissDoesNotWidenABandLimitedVoice() {
        // Bursts of 4 kHz-limited "speech" over a constant full-band hiss: the hiss reaches 24 kHz, the voice does not.
        Random rnd = new Random(3);
        float[] voice = new Resampler(8_000, 48_000).process(pinkish(8_000 * 6, 4));
        float[] x = new float[voice.length];
        for (int i = 0; i < x.length; i++) {
            boolean on = (i / 24_000) % 2 == 0; // 0.5 s on, 0.5 s off
            x[i] = (on ? voice[i] : 0) + (float) (3e-4 * rnd.nextGaussian());
        }
        BandwidthMeter m = new BandwidthMeter(48_000);
        m.add(x);
        assertTrue(m.quietFrames() > 0 && m.activeFrames() > 0);
        assertTrue(m.edgeHz() > 20_000, "level edge " + m.edgeHz());
        double speech = m.speechEdgeHz();
        assertTrue(speech > 3_000 && speech <= 4_000 + BandwidthMeter.REPORT_BAND_HZ, "speech edge " + speech);
    }
}
