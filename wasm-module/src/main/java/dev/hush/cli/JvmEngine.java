package dev.hush.cli;

import dev.hush.dsp.Denoiser;

import java.util.function.DoubleConsumer;

/** The Java denoiser running in this JVM; a fresh {@link Denoiser} per channel so channels never share state. */
public final class JvmEngine implements Engine {
    private final byte[] modelBytes;

    /**
     * @param modelBytesOrNull a weights file, or null for the denoiser's built-in behaviour
     * @throws IllegalArgumentException when the model cannot be loaded (checked here, before any audio is processed)
     */
    public JvmEngine(byte[] modelBytesOrNull) {
        this.modelBytes = modelBytesOrNull;
        Denoiser.create(modelBytesOrNull);
    }

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public float[] denoise(float[] samples48k, DoubleConsumer progressFraction) {
        Denoiser denoiser = Denoiser.create(modelBytes);
        FrameProcessor processor = new FrameProcessor() {
            @Override
            public int frameSamples() {
                return Denoiser.FRAME_SAMPLES;
            }

            @Override
            public int latencySamples() {
                return denoiser.latencySamples();
            }

            @Override
            public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
                denoiser.processFrame(in, inOffset, out, outOffset);
            }
        };
        return LatencyCompensator.run(processor, samples48k, progressFraction);
    }
}
