package dev.hush.wasm;

import dev.hush.dsp.Denoiser;

/**
 * The {@link Denoiser} (or any {@link FrameFilter}) as a live effect: it can be switched off by the user or
 * bypassed under CPU overload without a click or a time jump, and its attenuation can be capped.
 *
 * <p>Every output sample is {@code dry + mix * (wet - dry)}, where {@code dry} is the input delayed by the
 * denoiser's latency so both paths line up; switching only moves {@code mix}, over {@link #RAMP_SAMPLES}. The
 * attenuation limit caps {@code mix} at {@code 1 - 10^(-limitDb/20)}: the residual dry signal bounds how far the
 * output can fall below the input (the noisy-mix approach of DeepFilterNet's attenuation limit).
 *
 * <p>Per frame nothing is allocated and no transcendental function is called.
 */
public final class CrossfadedDenoiser {
    public static final int FRAME_SAMPLES = Denoiser.FRAME_SAMPLES;
    /** A full switch takes 10 ms at 48 kHz: long enough to be click-free, short enough to feel immediate. */
    public static final int RAMP_SAMPLES = 480;
    private static final float RAMP_STEP = 1f / RAMP_SAMPLES;
    /** Larger than any sample a sane signal chain produces; beyond it the denoiser's state is considered broken. */
    private static final float MAX_ABS_SAMPLE = 1e4f;

    private final FrameFilter denoiser;
    private final int latencySamples;
    private final float[] frameIn = new float[FRAME_SAMPLES];
    private final float[] wet = new float[FRAME_SAMPLES];
    /** Circular delay line for the dry path, latency + one frame long. */
    private final float[] dryDelay;
    private int dryWrite;

    private boolean enabled = true;
    private boolean bypassed;
    /** Frames the denoiser still has to run after a bypass before its output is trusted again. */
    private int warmUpFrames;
    private float mixCeiling = 1f;
    private float mix = 1f;

    private long framesProcessed;
    private long nonFiniteFrames;
    private double windowDryEnergy;
    private double windowOutEnergy;

    public CrossfadedDenoiser(Denoiser denoiser) {
        this(FrameFilter.of(denoiser));
    }

    public CrossfadedDenoiser(FrameFilter denoiser) {
        this.denoiser = denoiser;
        this.latencySamples = denoiser.latencySamples();
        this.dryDelay = new float[latencySamples + FRAME_SAMPLES];
    }

    public int latencySamples() {
        return latencySamples;
    }

    /** User switch; the denoiser keeps running while off so switching back on is immediate. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Overload switch: while bypassed the denoiser is not run at all. Leaving the bypass resets it and waits until
     * its delay line holds fresh audio before fading it back in.
     */
    public void setBypassed(boolean bypassed) {
        if (this.bypassed && !bypassed && mix == 0f) {
            denoiser.reset();
            warmUpFrames = (latencySamples + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        }
        this.bypassed = bypassed;
    }

    public boolean isBypassed() {
        return bypassed;
    }

    /**
     * Caps the suppression: the output never falls further below the input than {@code limitDb}.
     * {@code +Infinity} (or any value from about 140 dB up) means no cap.
     */
    public void setAttenuationLimitDb(double limitDb) {
        if (Double.isNaN(limitDb) || limitDb < 0) {
            throw new IllegalArgumentException("attenuation limit must be >= 0 dB, got " + limitDb);
        }
        mixCeiling = (float) (1 - Math.pow(10, -limitDb / 20));
    }

    /** Processes one frame of {@link #FRAME_SAMPLES}; {@code in} and {@code out} may overlap. */
    public void processFrame(float[] in, int inOffset, float[] out, int outOffset) {
        float[] x = frameIn;
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            float s = in[inOffset + i];
            // NaN and +-Inf fail this test; one bad input sample must not poison the denoiser's state.
            x[i] = (s - s == 0f) ? s : 0f;
        }
        // Keep running while a bypass fades out, so the fade never mixes in a stale frame.
        boolean running = !bypassed || mix > 0f;
        float m = mix;
        if (running) {
            denoiser.processFrame(x, 0, wet, 0);
            if (!isFinite(wet)) {
                nonFiniteFrames++;
                denoiser.reset();
                warmUpFrames = (latencySamples + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
                // An emergency: drop to the dry path at once rather than fade through garbage.
                m = 0f;
                running = false;
            }
        }
        boolean trusted = running && warmUpFrames == 0;
        if (running && warmUpFrames > 0) {
            warmUpFrames--;
        }
        float target = (enabled && !bypassed && trusted) ? mixCeiling : 0f;

        float[] delay = dryDelay;
        int length = delay.length;
        int write = dryWrite;
        int read = write + FRAME_SAMPLES;
        if (read >= length) {
            read -= length;
        }
        double dryEnergy = 0;
        double outEnergy = 0;
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            delay[write] = x[i];
            if (++write == length) {
                write = 0;
            }
            float dry = delay[read];
            if (++read == length) {
                read = 0;
            }
            if (m < target) {
                m = Math.min(target, m + RAMP_STEP);
            } else if (m > target) {
                m = Math.max(target, m - RAMP_STEP);
            }
            float y = running ? dry + m * (wet[i] - dry) : dry;
            out[outOffset + i] = y;
            dryEnergy += dry * dry;
            outEnergy += y * y;
        }
        mix = m;
        dryWrite = write;
        framesProcessed++;
        windowDryEnergy += dryEnergy;
        windowOutEnergy += outEnergy;
    }

    private static boolean isFinite(float[] frame) {
        for (float s : frame) {
            if (!(Math.abs(s) <= MAX_ABS_SAMPLE)) {
                return false;
            }
        }
        return true;
    }

    public long framesProcessed() {
        return framesProcessed;
    }

    public long nonFiniteFrames() {
        return nonFiniteFrames;
    }

    /** Current weight of the denoised path, 0 (dry) .. 1 (fully denoised). */
    public float mix() {
        return mix;
    }

    /**
     * Mean attenuation (dB) of the output against the delay-aligned input since the previous call, energy-weighted;
     * NaN when the input was silent. Starts a new measurement window.
     */
    public double takeMeanAttenuationDb() {
        double dry = windowDryEnergy;
        double out = windowOutEnergy;
        windowDryEnergy = 0;
        windowOutEnergy = 0;
        if (dry <= 0) {
            return Double.NaN;
        }
        if (out <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(dry / out);
    }

    /** Clears the denoiser, the dry delay line and the measurement window; switches keep their state. */
    public void reset() {
        denoiser.reset();
        java.util.Arrays.fill(dryDelay, 0f);
        dryWrite = 0;
        windowDryEnergy = 0;
        windowOutEnergy = 0;
    }
}
