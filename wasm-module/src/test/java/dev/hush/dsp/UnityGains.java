package dev.hush.dsp;

/** Test estimator: fixed gains and strengths for every band. */
final class UnityGains implements GainEstimator {
    private final float gain;
    private final float strength;

    UnityGains(float gain, float strength) {
        this.gain = gain;
        this.strength = strength;
    }

    @Override
    public void estimate(FrameAnalysis frame, float[] gains, float[] strengths) {
        java.util.Arrays.fill(gains, gain);
        java.util.Arrays.fill(strengths, strength);
    }

    @Override
    public void reset() {
    }
}
