package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.metrics.SiSdr;
import org.junit.jupiter.api.Test;

/** Without a network, the classic estimator already suppresses stationary noise. */
class NoiseEstimatorTest {
    @Test
    void suppressesStationaryNoiseAndImprovesSiSdr() {
        float[] clean = TestSignals.speechLike(10, 31);
        float[] noise = TestSignals.whiteNoise(clean.length, 1, 32);
        float[] noisy = TestSignals.mixAtSnr(clean, noise, 5);
        float[] out = TestSignals.runAligned(new Denoiser(), noisy);
        double before = SiSdr.compute(clean, noisy);
        double after = SiSdr.compute(clean, out);
        System.out.printf("classic @ 5 dB: SI-SDR %.2f -> %.2f dB%n", before, after);
        assertTrue(after - before >= 3, "SI-SDR gain " + (after - before));

        // Noise alone (after the estimator has converged) comes out at least 15 dB quieter.
        float[] noiseOnly = TestSignals.scaleToRms(noise, 0.02);
        float[] suppressed = TestSignals.runAligned(new Denoiser(), noiseOnly);
        int from = 3 * TestSignals.RATE;
        double drop = 20 * Math.log10(TestSignals.rms(noiseOnly, from, noiseOnly.length)
                / TestSignals.rms(suppressed, from, suppressed.length));
        System.out.printf("classic noise-only attenuation %.1f dB%n", drop);
        assertTrue(drop >= 15, "attenuation " + drop + " dB");
    }

    @Test
    void noiseFloorEstimateTracksTheTrueNoiseLevel() {
        float[] noise = TestSignals.whiteNoise(4 * TestSignals.RATE, 0.01, 33);
        NoiseEstimator estimator = new NoiseEstimator();
        Denoiser d = new Denoiser(estimator);
        TestSignals.runAligned(d, noise);
        // Compare with the band energy of the last analysed frame's long-term average: within ±3 dB.
        FrameAnalysis frame = new FrameAnalysis(new CombFilter(960));
        double ratioDbSum = 0;
        int frames = 0;
        float[] x = new float[Denoiser.HISTORY_SAMPLES];
        double[] mean = new double[PercepNet.BANDS];
        for (int start = 0; start + x.length < noise.length; start += 4800) {
            System.arraycopy(noise, start, x, 0, x.length);
            frame.analyze(x, Denoiser.WINDOW_START, 200, 0f);
            for (int b = 0; b < PercepNet.BANDS; b++) {
                mean[b] += frame.energy(b);
            }
            frames++;
        }
        for (int b = 2; b < PercepNet.BANDS; b++) {
            double trueEnergy = mean[b] / frames;
            ratioDbSum += 10 * Math.log10(estimator.noiseEnergy(b) / trueEnergy);
        }
        double meanRatioDb = ratioDbSum / (PercepNet.BANDS - 2);
        assertEquals(0, meanRatioDb, 3, "noise estimate bias in dB");
    }
}
