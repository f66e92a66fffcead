package dev.hush.dsp;

/**
 * The classic suppressor used until a trained network is loaded: per-band noise power by minimum statistics
 * (the noise floor is the minimum of the smoothed band energy over ≈ 1.3 s, corrected for the minimum's bias),
 * then a decision-directed Wiener gain (Ephraim–Malah), whose smoothing of the a-priori SNR keeps musical noise
 * down. It leaves the comb filter off (r_b = 0): guessing the clean periodicity is the network's job.
 */
public final class NoiseEstimator implements GainEstimator {
    private static final float ENERGY_SMOOTHING = 0.7f;
    private static final int SUBWINDOW_FRAMES = 16;
    /** Alone, the estimator must follow a changing noise within ≈ 1.3 s (8 sub-windows of 160 ms). */
    static final int DEFAULT_SUBWINDOWS = 8;
    /** The minimum of a smoothed band energy sits below the mean noise energy by about this factor. */
    private static final float MINIMUM_BIAS = 1.8f;
    private static final float DECISION_DIRECTED_WEIGHT = 0.96f;
    private static final float MIN_GAIN = 0.03f;

    private final float[] smoothed = new float[PercepNet.BANDS];
    private final float[] subwindowMin = new float[PercepNet.BANDS];
    private final int subwindows;
    private final float[][] minima;
    private final float[] noise = new float[PercepNet.BANDS];
    private final float[] previousCleanEnergy = new float[PercepNet.BANDS];
    private int frameInSubwindow;
    private int subwindowIndex;
    private int subwindowsFilled;
    private boolean started;

    public NoiseEstimator() {
        this(DEFAULT_SUBWINDOWS);
    }

    /**
     * @param subwindows length of the minimum search in sub-windows of 160 ms: longer follows changes more slowly
     *                   but mistakes less continuous speech (a band that never falls silent) for noise
     */
    public NoiseEstimator(int subwindows) {
        if (subwindows < 1) {
            throw new IllegalArgumentException("need at least one sub-window, got " + subwindows);
        }
        this.subwindows = subwindows;
        this.minima = new float[subwindows][PercepNet.BANDS];
    }

    @Override
    public void estimate(FrameAnalysis frame, float[] gains, float[] strengths) {
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float e = frame.energy(b);
            if (!started) {
                smoothed[b] = e;
                subwindowMin[b] = e;
            } else {
                smoothed[b] = ENERGY_SMOOTHING * smoothed[b] + (1 - ENERGY_SMOOTHING) * e;
                subwindowMin[b] = Math.min(subwindowMin[b], smoothed[b]);
            }
        }
        started = true;
        if (++frameInSubwindow == SUBWINDOW_FRAMES) {
            frameInSubwindow = 0;
            System.arraycopy(subwindowMin, 0, minima[subwindowIndex], 0, PercepNet.BANDS);
            subwindowIndex = (subwindowIndex + 1) % subwindows;
            subwindowsFilled = Math.min(subwindowsFilled + 1, subwindows);
            System.arraycopy(smoothed, 0, subwindowMin, 0, PercepNet.BANDS);
        }
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float floor = subwindowMin[b];
            for (int i = 0; i < subwindowsFilled; i++) {
                floor = Math.min(floor, minima[i][b]);
            }
            noise[b] = MINIMUM_BIAS * floor + 1e-12f;
            float e = frame.energy(b);
            float posterior = e / noise[b];
            float prior = DECISION_DIRECTED_WEIGHT * previousCleanEnergy[b] / noise[b]
                    + (1 - DECISION_DIRECTED_WEIGHT) * Math.max(posterior - 1f, 0f);
            float g = Math.max(prior / (1f + prior), MIN_GAIN);
            gains[b] = g;
            strengths[b] = 0f;
            previousCleanEnergy[b] = g * g * e;
        }
    }

    /** Estimated noise energy of a band (for stats and tests). */
    public float noiseEnergy(int band) {
        return noise[band];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(smoothed, 0f);
        java.util.Arrays.fill(subwindowMin, 0f);
        java.util.Arrays.fill(previousCleanEnergy, 0f);
        java.util.Arrays.fill(noise, 0f);
        frameInSubwindow = 0;
        subwindowIndex = 0;
        subwindowsFilled = 0;
        started = false;
    }
}
