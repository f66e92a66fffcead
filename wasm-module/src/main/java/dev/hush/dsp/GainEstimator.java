package dev.hush.dsp;

/**
 * Whatever decides, frame by frame, the 34 band gains g_b and the 34 comb-filter strengths r_b:
 * the network, the classic noise estimator, or the oracle that knows the clean signal.
 */
public interface GainEstimator {
    /** Fills {@code gains} and {@code strengths} (34 each, in [0,1]) for the frame just analysed. */
    void estimate(FrameAnalysis frame, float[] gains, float[] strengths);

    void reset();
}
