package dev.hush.dsp;

/**
 * PercepNet's envelope postfilter, with a milder warp: each band gain becomes g·√sin(πg/2) (PercepNet: g·sin(πg/2)),
 * which deepens attenuation where the gain is already low (noise-dominated bands) and barely touches gains near 1,
 * then one global gain restores the frame's energy, capped through β (at β = 0.3 by at most ≈ +0.8 dB).
 */
public final class EnvelopePostfilter {
    /**
     * PercepNet's β is 0.02 (a boost of up to ≈ +5.5 dB). Chosen on the development set (devset-dev1, never the
     * evaluation set) with hush-percepnet 1.3.0: β = 0.02 / 0.1 / 0.3 / no global gain kept the SI-SDR gain within
     * 0.03 dB (+9.45 / +9.48 / +9.47 / +9.45) while pauses came out 20.6 / 21.2 / 21.8 / 22.0 dB lower. The
     * boost mostly lifts the residual noise of frames without speech; 0.3 keeps a little of the level restoration.
     */
    static final float BETA = 0.3f;
    /** The warp's exponent on sin(πg/2): ½ shipped, 1 PercepNet's, 0 no warp (see {@link #apply(float[], float[])}). */
    public static final double WARP_EXPONENT = 0.5;
    /** Beyond this the warp only silences more of what is already low: no setting worth comparing. */
    public static final int MAX_WARP_EXPONENT = 4;
    /**
     * Width of the speech-presence range over which a pause-dependent warp ({@link #warpExponent}) moves from its
     * pause exponent to its speech exponent: a frame a few dB more or less certain is not a different frame.
     */
    public static final double WARP_TRANSITION_DB = 10;
    /** Where a pause-dependent warp's pause exponent takes over fully unless told otherwise. */
    public static final double DEFAULT_PAUSE_PRESENCE_DB = -20;
    /** Speech presences this far down are treated as this (no log of zero, and nothing is that certain). */
    private static final double MIN_PRESENCE_DB = -100;

    private EnvelopePostfilter() {
    }

    /**
     * Rewrites {@code gains} in place, weighting the energy bookkeeping by the band energies.
     *
     * <p>Why the square root: PercepNet's full warp costs intelligibility the network cannot spare. Chosen on the
     * development set with 1.4.0 and the network's state priming (ΔSI-SDR / STOI / pause drop): sin(πg/2)
     * +10.41 dB / 0.873 / 28.8 dB, its square root +10.37 / 0.877 / 27.6, fourth root +10.30 / 0.878 / 26.8, no
     * postfilter +10.15 / 0.879 / 25.8. The square root keeps almost all of the SI-SDR and pause depth for half
     * the STOI the full warp takes.
     */
    public static void apply(float[] gains, float[] bandEnergy) {
        apply(gains, bandEnergy, WARP_EXPONENT);
    }

    /**
     * The same with the warp g·sin(πg/2)^{@code warpExponent}: the dev-set comparison above, from the command line
     * ({@code bin/denoise --warp-exponent E}). The shipped ½ takes the square root, not the slower general power.
     */
    /**
     * The warp exponent for a frame of this speech presence (the share of the 0.3–4 kHz energy the estimator keeps,
     * {@link Denoiser#speechPresence()}): {@code pauseExponent} at or below {@code pauseBelowDb}, {@code speechExponent}
     * from {@link #WARP_TRANSITION_DB} higher, linear in dB between.
     *
     * <p>Why: STOI and listeners judge the speech frames, the pause drop judges the frames between utterances. A warp
     * that deepens only where the network hears no speech can buy pause depth without the intelligibility the same
     * warp costs during speech. One log per frame, none per band.
     */
    public static double warpExponent(float speechPresence, double speechExponent, double pauseExponent,
            double pauseBelowDb) {
        if (speechExponent == pauseExponent) {
            return speechExponent;
        }
        double db = speechPresence > 0 ? Math.max(MIN_PRESENCE_DB, 10 * Math.log10(speechPresence)) : MIN_PRESENCE_DB;
        double t = (db - pauseBelowDb) / WARP_TRANSITION_DB;
        if (t <= 0) {
            return pauseExponent;
        }
        if (t >= 1) {
            return speechExponent;
        }
        return pauseExponent + t * (speechExponent - pauseExponent);
    }

    public static void apply(float[] gains, float[] bandEnergy, double warpExponent) {
        double e0 = 0;
        double e1 = 0;
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float g = gains[b];
            double s = Math.max(0, Math.sin(0.5 * Math.PI * g));
            float warped = g * (float) (warpExponent == WARP_EXPONENT ? Math.sqrt(s)
                    : warpExponent == 0 ? 1 : Math.pow(s, warpExponent));
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
