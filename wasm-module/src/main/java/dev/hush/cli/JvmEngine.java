package dev.hush.cli;

import dev.hush.dsp.Denoiser;
import dev.hush.dsp.StationaryNoiseAssist;
import dev.hush.dsp.GainEstimator;
import dev.hush.nn.GainEnsemble;
import dev.hush.nn.GainModel;
import dev.hush.nn.GainNetwork;

import java.util.function.DoubleConsumer;

/** The Java denoiser running in this JVM; a fresh {@link Denoiser} per channel so channels never share state. */
public final class JvmEngine implements Engine {
    /** What differs from the shipped path; each is an engine name on the command line, to measure what it buys. */
    public enum Variant {
        /** The shipped path: the network's gains, the envelope postfilter, state priming. */
        SHIPPED("jvm"),
        /** Without PercepNet's envelope postfilter, tuned for perceived quality: what it costs in SI-SDR and STOI. */
        NO_POSTFILTER("jvm-no-postfilter"),
        /** The network's gains deepened by the steady-noise assist ({@link StationaryNoiseAssist}), the shipped
         *  path until hush 1.3.0's DSP retune. */
        ASSIST("jvm-assist"),
        /** Without the network's state priming at a stream's start ({@link GainNetwork#setStatePrimingSteps} 0):
         *  what priming costs when a stream begins on a word. */
        NO_PRIMING("jvm-no-priming");

        final String engineName;

        Variant(String engineName) {
            this.engineName = engineName;
        }
    }

    private final byte[] modelBytes;
    private final Variant variant;
    private int primingSteps = GainNetwork.STATE_PRIMING_STEPS;
    private double warpExponent = dev.hush.dsp.EnvelopePostfilter.WARP_EXPONENT;
    private Double pauseWarpExponent;
    private double pausePresenceDb = dev.hush.dsp.EnvelopePostfilter.DEFAULT_PAUSE_PRESENCE_DB;
    private byte[][] ensembleWith = new byte[0][];

    /**
     * @param modelBytesOrNull a weights file, or null for the denoiser's built-in behaviour
     * @throws IllegalArgumentException when the model cannot be loaded (checked here, before any audio is processed)
     */
    public JvmEngine(byte[] modelBytesOrNull) {
        this(modelBytesOrNull, Variant.SHIPPED);
    }

    public JvmEngine(byte[] modelBytesOrNull, Variant variant) {
        this.modelBytes = modelBytesOrNull;
        this.variant = variant;
        newDenoiser();
    }

    private Denoiser newDenoiser() {
        Denoiser d;
        if (modelBytes == null) {
            d = Denoiser.create(null);
        } else {
            int steps = variant == Variant.NO_PRIMING ? 0 : primingSteps;
            GainModel model = GainModel.load(modelBytes);
            GainEstimator estimator = model;
            if (ensembleWith.length > 0) {
                if (!(model instanceof GainNetwork first)) {
                    throw new IllegalArgumentException("the model is already an ensemble; join single networks only");
                }
                GainNetwork[] members = new GainNetwork[1 + ensembleWith.length];
                members[0] = first;
                for (int i = 0; i < ensembleWith.length; i++) {
                    members[i + 1] = GainNetwork.load(ensembleWith[i]);
                }
                model = new GainEnsemble(members);
                estimator = model;
            }
            model.setStatePrimingSteps(steps);
            d = new Denoiser(variant == Variant.ASSIST ? new StationaryNoiseAssist(estimator) : estimator);
        }
        d.setPostfilterEnabled(variant != Variant.NO_POSTFILTER);
        if (pauseWarpExponent == null) {
            d.setPostfilterWarpExponent(warpExponent);
        } else {
            d.setPostfilterWarpExponents(warpExponent, pauseWarpExponent, pausePresenceDb);
        }
        return d;
    }

    /**
     * Settings other than the shipped ones, for the dev-set comparisons behind them (bin/denoise --priming-steps,
     * --warp-exponent); checked here, before any audio is processed.
     */
    public void tune(Integer primingStepsOrNull, Double warpExponentOrNull) {
        tune(primingStepsOrNull, warpExponentOrNull, null, null);
    }

    /** The same, with a pause-dependent warp ({@code --pause-warp-exponent}, {@code --pause-presence-db}). */
    public void tune(Integer primingStepsOrNull, Double warpExponentOrNull, Double pauseWarpExponentOrNull,
            Double pausePresenceDbOrNull) {
        if (primingStepsOrNull != null) {
            primingSteps = primingStepsOrNull;
        }
        if (warpExponentOrNull != null) {
            warpExponent = warpExponentOrNull;
        }
        if (pauseWarpExponentOrNull != null) {
            pauseWarpExponent = pauseWarpExponentOrNull;
        }
        if (pausePresenceDbOrNull != null) {
            pausePresenceDb = pausePresenceDbOrNull;
        }
        newDenoiser();
    }

    /**
     * Averages the model's gains with those of the networks in {@code others} ({@link GainEnsemble}), to measure
     * what an ensemble of seeds buys ({@code bin/denoise --ensemble-with FILE}). All are loaded here, so a bad file
     * fails before any audio is processed.
     *
     * @throws IllegalStateException when this engine runs without a network ({@code --model none})
     * @throws IllegalArgumentException when the model is itself an ensemble file, or a file in {@code others} is
     *     not a single network's
     */
    public void ensembleWith(java.util.List<byte[]> others) {
        if (modelBytes == null && !others.isEmpty()) {
            throw new IllegalStateException("an ensemble needs a network; the classic estimator has none");
        }
        ensembleWith = others.toArray(new byte[0][]);
        newDenoiser();
    }

    @Override
    public String name() {
        return variant.engineName;
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
