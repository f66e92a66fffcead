package dev.hush.metrics;

/**
 * How much a denoiser lowers the level in speech pauses: noise-only stretches where a listener hears nothing but
 * what the suppressor leaves. Measured as the energy ratio of the noisy input to the (delay-aligned) output over the
 * pause regions, in dB; 0 dB for a pass-through, higher is quieter.
 */
public final class PauseAttenuation {
    /** Reported when the output is digitally silent in the pauses (the ratio is unbounded). */
    public static final double MAX_DROP_DB = 100;

    /** Half-open sample range [start, end). */
    public record Region(int start, int end) {
        public Region {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad pause region [" + start + ", " + end + ")");
            }
        }
    }

    private PauseAttenuation() {
    }

    public static double levelDropDb(float[] noisyInput, float[] output, Iterable<Region> pauses) {
        double in = 0;
        double out = 0;
        long samples = 0;
        for (Region r : pauses) {
            if (r.end() > noisyInput.length || r.end() > output.length) {
                throw new IllegalArgumentException("pause region [" + r.start() + ", " + r.end()
                        + ") beyond the signals (" + noisyInput.length + ", " + output.length + " samples)");
            }
            for (int i = r.start(); i < r.end(); i++) {
                in += (double) noisyInput[i] * noisyInput[i];
                out += (double) output[i] * output[i];
            }
            samples += r.end() - r.start();
        }
        if (samples == 0) {
            throw new IllegalArgumentException("no pause samples to measure");
        }
        if (in == 0) {
            throw new IllegalArgumentException("the noisy input is silent in the pauses: nothing to attenuate");
        }
        if (out == 0) {
            return MAX_DROP_DB;
        }
        return Math.min(MAX_DROP_DB, 10 * Math.log10(in / out));
    }
}
