package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The classic estimator deepens the network's gains on steady noise and never overrides its "this is speech". */
class StationaryNoiseAssistTest {
    private static final int FRAME = Denoiser.FRAME_SAMPLES;

    /** Runs {@code x} through the assist over a fixed "network" and returns the mean gain per band of the last second. */
    private static double[] meanGainsOfLastSecond(float networkGain, float[] x) {
        StationaryNoiseAssist assist = new StationaryNoiseAssist(new UnityGains(networkGain, 0.3f));
        Denoiser d = new Denoiser(assist);
        d.setPostfilterEnabled(false);
        float[] out = new float[FRAME];
        float[] gains = new float[PercepNet.BANDS];
        double[] mean = new double[PercepNet.BANDS];
        int frames = x.length / FRAME;
        int lastSecond = frames - PercepNet.SAMPLE_RATE_HZ / FRAME;
        for (int f = 0; f < frames; f++) {
            d.processFrame(x, f * FRAME, out, 0);
            if (f >= lastSecond) {
                d.copyGains(gains);
                for (int b = 0; b < PercepNet.BANDS; b++) {
                    mean[b] += gains[b] / (double) (frames - lastSecond);
                }
            }
        }
        return mean;
    }

    @Test
    void steadyNoiseIsSuppressedDeeperThanTheNetworkAlone() {
        float[] noise = TestSignals.whiteNoise(5 * TestSignals.RATE, 0.02, 41);
        float networkGain = 0.3f;
        double[] g = meanGainsOfLastSecond(networkGain, noise);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            assertTrue(g[b] <= networkGain + 1e-6, "band " + b + " gain " + g[b] + " above the network's");
        }
        double meanDb = 0;
        for (int b = 2; b < PercepNet.BANDS; b++) {
            meanDb += 20 * Math.log10(g[b] / networkGain) / (PercepNet.BANDS - 2);
        }
        System.out.printf("assist on white noise: %.1f dB under the network's gain%n", -meanDb);
        // Classic gains on converged noise sit near their 0.03 floor: 0.03^0.7 is -21 dB; ask for 10.
        assertTrue(meanDb <= -10, "the assist deepened the network's gain by only " + (-meanDb) + " dB");
    }

    @Test
    void whereTheNetworkIsSureOfSpeechTheClassicGainHasNoSay() {
        float[] noise = TestSignals.whiteNoise(5 * TestSignals.RATE, 0.02, 42);
        double[] g = meanGainsOfLastSecond(1f, noise);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            assertEquals(1.0, g[b], 1e-6, "band " + b);
        }
    }

    @Test
    void strengthsAreTheNetworksAndResetForgetsTheNoise() {
        StationaryNoiseAssist assist = new StationaryNoiseAssist(new UnityGains(0.5f, 0.25f));
        Denoiser d = new Denoiser(assist);
        float[] noise = TestSignals.whiteNoise(3 * TestSignals.RATE, 0.02, 43);
        float[] out = new float[FRAME];
        for (int f = 0; f + FRAME <= noise.length; f += FRAME) {
            d.processFrame(noise, f, out, 0);
        }
        float[] strengths = new float[PercepNet.BANDS];
        d.copyStrengths(strengths);
        for (float r : strengths) {
            assertEquals(0.25f, r, 1e-6f);
        }
        // After a reset the classic estimator starts from scratch: its first frame sees no noise yet.
        float[] gains = new float[PercepNet.BANDS];
        float[] classic = new float[PercepNet.BANDS];
        assist.reset();
        FrameAnalysis frame = d.frame();
        assist.estimate(frame, gains, classic);
        NoiseEstimator fresh = new NoiseEstimator(StationaryNoiseAssist.ASSIST_SUBWINDOWS);
        float[] freshGains = new float[PercepNet.BANDS];
        fresh.estimate(frame, freshGains, classic);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            assertEquals(0.5 * Math.pow(freshGains[b], 0.5), gains[b], 1e-5, "band " + b);
        }
    }
}
