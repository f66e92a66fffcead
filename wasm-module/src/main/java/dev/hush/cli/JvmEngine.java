package dev.hush.cli;

import dev.hush.dsp.Denoiser;
import dev.hush.nn.GainNetwork;

import java.util.function.DoubleConsumer;

/** The Java denoiser running in this JVM; a fresh {@link Denoiser} per channel so channels never share state. */
public final class JvmEngine implements Engine {
    private final byte[] modelBytes;
    private final boolean assist;

    /**
     * @param modelBytesOrNull a weights file, or null for the denoiser's built-in behaviour
     * @throws IllegalArgumentException when the model cannot be loaded (checked here, before any audio is processed)
     */
    public JvmEngine(byte[] modelBytesOrNull) {
        this(modelBytesOrNull, true);
    }

    /**
     * @param assist false: the network's gains as they are, without the steady-noise assist the product uses
     *               (engine {@code jvm-network-only}, to measure what the assist adds)
     */
    public JvmEngine(byte[] modelBytesOrNull, boolean assist) {
        this.modelBytes = modelBytesOrNull;
        this.assist = assist;
        newDenoiser();
    }

    private Denoiser newDenoiser() {
        if (assist || modelBytes == null) {
            return Denoiser.create(modelBytes);
        }
        return new Denoiser(GainNetwork.load(modelBytes));
    }

    @Override
    public String name() {
        return assist ? "jvm" : "jvm-network-only";
    }

    @Override
    public float[] denoise(float[] samples48k, DoubleConsumer progressFraction) {
        Denoiser denoiser = newDenoiser();
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
