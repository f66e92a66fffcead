package dev.hush.dsp;

/**
 * Streaming PercepNet denoiser: 480 samples in, 480 samples out, constant latency.
 * Samples are floats with full scale at ±1.0.
 *
 * TEMPORARY STUB: passes audio through with the latency the real pipeline will report,
 * so the CLI and WASM glue can be built against the final API.
 */
public final class Denoiser {
    public static final int FRAME_SAMPLES = PercepNet.HOP_SAMPLES;
    private static final int LATENCY_SAMPLES = 3 * PercepNet.HOP_SAMPLES;

    private final float[] delayLine = new float[LATENCY_SAMPLES + FRAME_SAMPLES];

    /**
     * A denoiser driven by the network in {@code modelBytes} (a weights file), or by the classic
     * noise estimator when {@code modelBytes} is null.
     *
     * @throws IllegalArgumentException with a readable reason when the weights file is corrupt,
     *                                  truncated or of an unsupported version
     */
    public static Denoiser create(byte[] modelBytes) {
        if (modelBytes != null) {
            throw new IllegalArgumentException("this build cannot load model files yet");
        }
        return new Denoiser();
    }

    /** Processes one frame; {@code in} and {@code out} may be the same array. */
    public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
        System.arraycopy(in, inOffset, delayLine, LATENCY_SAMPLES, FRAME_SAMPLES);
        System.arraycopy(delayLine, 0, out, outOffset, FRAME_SAMPLES);
        System.arraycopy(delayLine, FRAME_SAMPLES, delayLine, 0, LATENCY_SAMPLES);
    }

    /** Output sample i corresponds to input sample i - latencySamples(). */
    public int latencySamples() {
        return LATENCY_SAMPLES;
    }

    public void reset() {
        java.util.Arrays.fill(delayLine, 0f);
    }
}
