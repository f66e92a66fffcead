package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The look-ahead energies are the energies of the window the denoiser will enhance two frames later. */
class LookaheadFeaturesTest {
    private static final int HOP = PercepNet.HOP_SAMPLES;
    private static final int AHEAD = PercepNet.FEATURES_WITHOUT_LOOKAHEAD;
    private static final int LOOKAHEAD_FRAMES = Denoiser.LOOKAHEAD_SAMPLES / HOP;

    @Test
    void lookaheadEnergiesAreTheEnergiesOfTheWindowTwoFramesLater() {
        int frames = 40;
        int onsetFrame = 20;
        float[] x = new float[frames * HOP];
        Random r = new Random(5);
        for (int i = onsetFrame * HOP; i < x.length; i++) {
            x[i] = (float) (0.1 * r.nextGaussian());
        }
        Denoiser denoiser = new Denoiser(new UnityGains(1f, 0f));
        float[][] features = new float[frames][PercepNet.FEATURES];
        float[] out = new float[HOP];
        for (int f = 0; f < frames; f++) {
            denoiser.processFrame(x, f * HOP, out, 0);
            denoiser.frame().copyFeatures(features[f], 0);
        }
        for (int f = 0; f + LOOKAHEAD_FRAMES < frames; f++) {
            for (int b = 0; b < PercepNet.BANDS; b++) {
                assertEquals(features[f + LOOKAHEAD_FRAMES][b], features[f][AHEAD + b], 1e-6f, "frame " + f + " band " + b);
            }
        }
        // The onset shows in the look-ahead energies while the analysed window is still silent.
        int early = -1;
        for (int f = 0; f < frames && early < 0; f++) {
            if (features[f][AHEAD + 10] > features[0][AHEAD + 10] + 1f) {
                early = f;
            }
        }
        int now = -1;
        for (int f = 0; f < frames && now < 0; f++) {
            if (features[f][10] > features[0][10] + 1f) {
                now = f;
            }
        }
        assertTrue(early >= 0 && now >= 0, "the noise burst is seen at all");
        assertEquals(LOOKAHEAD_FRAMES, now - early, "look-ahead in frames");
    }

    @Test
    void withoutLookaheadTheTrailingFeaturesRepeatTheEnergies() {
        FrameAnalysis frame = new FrameAnalysis(new CombFilter(Denoiser.LOOKAHEAD_SAMPLES));
        float[] x = new float[Denoiser.HISTORY_SAMPLES];
        Random r = new Random(6);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        frame.analyze(x, Denoiser.WINDOW_START, 200, 0.5f);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            assertEquals(frame.feature(b), frame.feature(AHEAD + b), 0f);
        }
    }

    /** The streaming analysis reuses the look-ahead spectrum two frames later: same numbers as transforming again. */
    @Test
    void streamingAnalysisIsBitIdenticalToAnalysingEachFrameAfresh() {
        FrameAnalysis fresh = new FrameAnalysis(new CombFilter(Denoiser.LOOKAHEAD_SAMPLES), Denoiser.LOOKAHEAD_SAMPLES);
        FrameAnalysis streaming = new FrameAnalysis(new CombFilter(Denoiser.LOOKAHEAD_SAMPLES), Denoiser.LOOKAHEAD_SAMPLES);
        SignalHistory history = new SignalHistory(Denoiser.HISTORY_SAMPLES);
        Random r = new Random(7);
        float[] hop = new float[HOP];
        for (int stream = 0; stream < 2; stream++) {
            for (int f = 0; f < 30; f++) {
                for (int i = 0; i < HOP; i++) {
                    // A tone under noise that grows, so consecutive windows differ.
                    hop[i] = (float) (0.01 * f * r.nextGaussian() + 0.2 * Math.sin(0.03 * (f * HOP + i) * (stream + 1)));
                }
                history.push(hop, 0);
                int period = 100 + 7 * f;
                fresh.analyze(history.samples(), Denoiser.WINDOW_START, period, 0.4f);
                streaming.analyzeNext(history.samples(), Denoiser.WINDOW_START, period, 0.4f);
                for (int i = 0; i < PercepNet.FEATURES; i++) {
                    assertEquals(fresh.feature(i), streaming.feature(i), 0f, "stream " + stream + " frame " + f + " feature " + i);
                }
                for (int k = 0; k < PercepNet.BINS; k++) {
                    assertEquals(fresh.xRe[k], streaming.xRe[k], 0f, "stream " + stream + " frame " + f + " bin " + k);
                    assertEquals(fresh.xIm[k], streaming.xIm[k], 0f, "stream " + stream + " frame " + f + " bin " + k);
                }
            }
            // A new stream: what was kept from the old one must not be reused.
            history.reset();
            streaming.reset();
        }
    }
}
