package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.metrics.SiSdr;
import org.junit.jupiter.api.Test;

/** The DSP can enhance before any network exists: with ideal gains and strengths, a noisy mix gets much cleaner. */
class OracleEnhancementTest {
    private static final int HOP = PercepNet.HOP_SAMPLES;

    /** Runs noisy through a denoiser driven by the oracle of clean; returns the latency-aligned output. */
    static float[] enhanceWithOracle(float[] clean, float[] noisy, boolean postfilter, boolean comb,
                                     float[] meanStrengthOut) {
        OracleGains oracle = new OracleGains();
        Denoiser d = new Denoiser(comb ? oracle : new GainEstimator() {
            @Override
            public void estimate(FrameAnalysis frame, float[] gains, float[] strengths) {
                oracle.estimate(frame, gains, strengths);
                java.util.Arrays.fill(strengths, 0f);
            }

            @Override
            public void reset() {
                oracle.reset();
            }
        });
        d.setPostfilterEnabled(postfilter);
        d.setAttenuationLimitDb(80f);
        int latency = d.latencySamples();
        int frames = (noisy.length + latency + HOP - 1) / HOP;
        float[] c = new float[frames * HOP];
        float[] y = new float[frames * HOP];
        System.arraycopy(clean, 0, c, 0, clean.length);
        System.arraycopy(noisy, 0, y, 0, noisy.length);
        float[] out = new float[frames * HOP];
        float[] r = new float[PercepNet.BANDS];
        double strengthSum = 0;
        for (int f = 0; f < frames; f++) {
            oracle.pushClean(c, f * HOP);
            d.processFrame(y, f * HOP, out, f * HOP);
            d.copyStrengths(r);
            for (float v : r) {
                strengthSum += v;
            }
        }
        if (meanStrengthOut != null) {
            meanStrengthOut[0] = (float) (strengthSum / frames / PercepNet.BANDS);
        }
        float[] aligned = new float[noisy.length];
        System.arraycopy(out, latency, aligned, 0, noisy.length);
        return aligned;
    }

    @Test
    void oracleGainsAndStrengthsImproveSiSdrByAtLeastSixDbOnNoisySpeech() {
        float[] clean = TestSignals.speechLike(8, 11);
        for (double snr : new double[] {0, 5, 10}) {
            float[] noisy = TestSignals.mixAtSnr(clean, TestSignals.whiteNoise(clean.length, 1, 12), snr);
            float[] strength = new float[1];
            float[] enhanced = enhanceWithOracle(clean, noisy, false, true, strength);
            double before = SiSdr.compute(clean, noisy);
            double after = SiSdr.compute(clean, enhanced);
            System.out.printf("oracle @ %.0f dB SNR: SI-SDR %.2f -> %.2f dB (mean r %.3f)%n", snr, before, after, strength[0]);
            assertTrue(after - before >= 6, "SI-SDR gain " + (after - before) + " dB at " + snr + " dB SNR");
            assertTrue(strength[0] > 0.01, "the comb filter is used on voiced speech");
        }
    }

    @Test
    void theCombFilterAddsToTheGainsOnVoicedSpeech() {
        float[] clean = TestSignals.speechLike(8, 21);
        float[] noisy = TestSignals.mixAtSnr(clean, TestSignals.whiteNoise(clean.length, 1, 22), 5);
        float[] withComb = enhanceWithOracle(clean, noisy, false, true, null);
        float[] gainsOnly = enhanceWithOracle(clean, noisy, false, false, null);
        double comb = SiSdr.compute(clean, withComb);
        double plain = SiSdr.compute(clean, gainsOnly);
        System.out.printf("oracle with comb %.2f dB, gains only %.2f dB%n", comb, plain);
        assertTrue(comb > plain + 0.5, "comb " + comb + " dB vs gains only " + plain + " dB");
    }
}
