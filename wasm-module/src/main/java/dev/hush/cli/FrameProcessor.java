package dev.hush.cli;

/** A streaming processor with a fixed frame size and a constant delay, such as the PercepNet denoiser. */
public interface FrameProcessor {
    int frameSamples();

    /** Output sample i corresponds to input sample i - latencySamples(). */
    int latencySamples();

    void processFrame(float[] in, int inOffset, float[] out, int outOffset);
}
