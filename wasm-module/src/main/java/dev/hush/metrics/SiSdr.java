package dev.hush.metrics;

/**
 * Scale-invariant signal-to-distortion ratio (Le Roux et al., 2019), in dB.
 * The estimate is projected onto the reference, so a pure gain change scores +∞ and does not count as distortion.
 */
public final class SiSdr {
    private SiSdr() {
    }

    /** Compares the first {@code min(reference.length, estimate.length)} samples; both must already be time-aligned. */
    public static double compute(float[] reference, float[] estimate) {
        return compute(reference, 0, estimate, 0, Math.min(reference.length, estimate.length));
    }

    public static double compute(float[] reference, int referenceOffset, float[] estimate, int estimateOffset, int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("SI-SDR needs at least one sample");
        }
        double dot = 0;
        double refEnergy = 0;
        for (int i = 0; i < length; i++) {
            double r = reference[referenceOffset + i];
            dot += r * estimate[estimateOffset + i];
            refEnergy += r * r;
        }
        if (refEnergy == 0) {
            throw new IllegalArgumentException("SI-SDR is undefined for a silent reference");
        }
        double scale = dot / refEnergy;
        double target = 0;
        double noise = 0;
        for (int i = 0; i < length; i++) {
            double t = scale * reference[referenceOffset + i];
            double e = estimate[estimateOffset + i] - t;
            target += t * t;
            noise += e * e;
        }
        if (noise == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return 10 * Math.log10(target / noise);
    }
}
