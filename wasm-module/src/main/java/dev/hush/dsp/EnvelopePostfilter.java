package dev.hush.dsp;

/**
 * PercepNet's envelope postfilter: warps each band gain to g·sin(πg/2), which deepens attenuation where the
 * gain is already low (noise-dominated bands) and barely touches gains near 1, then applies one global gain
 * that restores the frame's energy, capped through β so a clean band is boosted by at most ≈ +5.5 dB.
 */
public final class EnvelopePostfilter {
    static final float BETA = 0.02f;

    private EnvelopePostfilter() {
    }

    /** Rewrites {@code gains} in place, weighting the energy bookkeeping by the band energies. */
    public static void apply(float[] gains, float[] bandEnergy) {
        double e0 = 0;
        double e1 = 0;
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float g = gains[b];
            float warped = g * (float) Math.sin(0.5 * Math.PI * g);
            e0 += (double) g * g * bandEnergy[b];
            e1 += (double) warped * warped * bandEnergy[b];
            gains[b] = warped;
        }
        if (!(e1 > 1e-20)) {
            return;
        }
        double ratio = e0 / e1;
        float global = (float) Math.sqrt((1 + BETA) * ratio / (1 + BETA * ratio * ratio));
        for (int b = 0; b < PercepNet.BANDS; b++) {
            gains[b] *= global;
        }
    }
}
