package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PerfectReconstructionTest {
    private static final double MAX_ERROR = 1e-4;

    @Test
    void unitGainsAndNoCombReproduceTheInputDelayedByTheReportedLatency() {
        float[] x = TestSignals.add(TestSignals.speechLike(3, 1), TestSignals.whiteNoise(3 * TestSignals.RATE, 0.05, 2));
        Denoiser d = new Denoiser(new UnityGains(1f, 0f));
        float[] y = TestSignals.runAligned(d, x);
        double maxError = 0;
        for (int i = 0; i < x.length; i++) {
            maxError = Math.max(maxError, Math.abs(y[i] - x[i]));
        }
        assertTrue(maxError <= MAX_ERROR, "max reconstruction error " + maxError);
        assertEquals(1440, d.latencySamples(), "30 ms algorithmic latency");
    }

    @Test
    void aConstantGainScalesTheOutputWhenThePostfilterIsOff() {
        float[] x = TestSignals.whiteNoise(2 * TestSignals.RATE, 0.1, 3);
        Denoiser d = new Denoiser(new UnityGains(0.5f, 0f));
        d.setPostfilterEnabled(false);
        float[] y = TestSignals.runAligned(d, x);
        for (int i = 2000; i < x.length; i += 97) {
            assertEquals(0.5 * x[i], y[i], MAX_ERROR, "sample " + i);
        }
    }

    @Test
    void outputIsSilentForSilentInputAndNeverNaN() {
        Denoiser d = new Denoiser();
        float[] y = TestSignals.runAligned(d, new float[TestSignals.RATE]);
        for (float v : y) {
            assertEquals(0f, v, 0f);
        }
    }
}
