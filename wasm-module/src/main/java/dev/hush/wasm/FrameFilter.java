package dev.hush.wasm;

import dev.hush.dsp.Denoiser;

/**
 * A streaming effect on frames of {@link dev.hush.dsp.Denoiser#FRAME_SAMPLES}: the part of {@link Denoiser}'s API
 * that {@link CrossfadedDenoiser} drives, so the crossfade can be tested against filters with known output.
 */
public interface FrameFilter {
    void processFrame(float[] in, int inOffset, float[] out, int outOffset);

    /** Output sample i corresponds to input sample i - latencySamples(). */
    int latencySamples();

    void reset();

    static FrameFilter of(Denoiser denoiser) {
        return new FrameFilter() {
            @Override
            public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
                denoiser.processFrame(in, inOffset, out, outOffset);
            }

            @Override
            public int latencySamples() {
                return denoiser.latencySamples();
            }

            @Override
            public void reset() {
                denoiser.reset();
            }
        };
    }
}
