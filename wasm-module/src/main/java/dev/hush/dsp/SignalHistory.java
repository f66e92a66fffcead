package dev.hush.dsp;

/**
 * A sliding buffer of the most recent input: each frame shifts the old samples left by one hop and appends the
 * new hop at the end, so analysis code can index past and look-ahead samples as one contiguous array.
 * (A shift of a few thousand floats per frame costs less than wrap-around index arithmetic in every inner loop.)
 */
final class SignalHistory {
    private final float[] samples;

    SignalHistory(int lengthSamples) {
        samples = new float[lengthSamples];
    }

    void push(float[] frame, int offset) {
        int hop = PercepNet.HOP_SAMPLES;
        System.arraycopy(samples, hop, samples, 0, samples.length - hop);
        System.arraycopy(frame, offset, samples, samples.length - hop, hop);
    }

    float[] samples() {
        return samples;
    }

    void reset() {
        java.util.Arrays.fill(samples, 0f);
    }
}
