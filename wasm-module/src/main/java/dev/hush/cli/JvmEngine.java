package dev.hush.cli;

import dev.hush.dsp.Denoiser;
import dev.hush.dsp.StationaryNoiseAssist;
import dev.hush.nn.GainNetwork;

import java.util.function.DoubleConsumer;

/** The Java denoiser running in this JVM; a fresh {@link Denoiser} per channel so channels never share state. */
public final class JvmEngine implements Engine {
    private final byte[] modelBytes;
    private final boolean assist;
    private final boolean postfilter;

    /**
     * @param modelBytesOrNull a weights file, or null for the denoiser's built-in behaviour
     * @throws IllegalArgumentException when the model cannot be loaded (checked here, before any audio is processed)
     */
    public JvmEngine(byte[] modelBytesOrNull) {
        this(modelBytesOrNull, false, true);
    }

    /**
     * @param assist     true: the network's gains deepened by the steady-noise assist ({@link StationaryNoiseAssist}),
     *                   the shipped path until hush 1.3.0's DSP retune (engine {@code jvm-assist}, to measure it)
     * @param postfilter false: without PercepNet's envelope postfilter (engine {@code jvm-no-postfilter}); the
     *                   postfilter is tuned for perceived quality, and this measures what it costs in SI-SDR and STOI
     */
    public JvmEngine(byte[] modelBytesOrNull, boolean assist, boolean postfilter) {
        this.modelBytes = modelBytesOrNull;
        this.assist = assist;
        this.postfilter = postfilter;
        newDenoiser();
    }

    private Denoiser newDenoiser() {
        Denoiser d = assist && modelBytes != null
                ? new Denoiser(new StationaryNoiseAssist(GainNetwork.load(modelBytes)))
                : Denoiser.create(modelBytes);
        d.setPostfilterEnabled(postfilter);
        return d;
    }

    @Override
    public String name() {
        return !postfilter ? "jvm-no-postfilter" : assist ? "jvm-assist" : "jvm";
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
