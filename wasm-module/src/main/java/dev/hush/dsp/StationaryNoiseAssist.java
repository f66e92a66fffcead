package dev.hush.dsp;

/**
 * The network's gains, deepened where the classic estimator ({@link NoiseEstimator}) finds steady noise:
 * g = g_net · g_classic^(1 − g_net).
 *
 * <p>Why: the shipped network is small and leaves part of steady broadband noise (pink noise, hum, the lowest and
 * the highest bands) in speech pauses, while minimum statistics measure exactly that kind of noise well. The
 * exponent lets the network veto: where it is sure of speech (g_net → 1) the classic gain has no effect, so the
 * classic estimator's weakness (a long vowel or continuous speech mistaken for noise) cannot eat speech; where
 * the network already suppresses, the classic gain adds its depth. Measured on the regression clips and the call
 * test signal in docs/model-card.md.
 *
 * <p>No longer on the shipped path ({@link Denoiser#create}): with hush-percepnet 1.3.0 it lowered the SI-SDR gain
 * and STOI on every noise kind of the development set, steady synthetic noise included, for no quieter pauses.
 * Kept as {@code bin/denoise --engine jvm-assist} so that measurement can be repeated with any model.
 */
public final class StationaryNoiseAssist implements GainEstimator {
    /**
     * 2.56 s of minimum search: twice the classic estimator's own, so a talker who rarely pauses is not taken
     * for noise; steady noise needs no faster tracking, and the network follows the rest.
     */
    static final int ASSIST_SUBWINDOWS = 16;

    private final GainEstimator network;
    private final NoiseEstimator classic = new NoiseEstimator(ASSIST_SUBWINDOWS);
    private final float[] classicGains = new float[PercepNet.BANDS];
    private final float[] classicStrengths = new float[PercepNet.BANDS];

    public StationaryNoiseAssist(GainEstimator network) {
        this.network = network;
    }

    @Override
    public void estimate(FrameAnalysis frame, float[] gains, float[] strengths) {
        network.estimate(frame, gains, strengths);
        classic.estimate(frame, classicGains, classicStrengths);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            float g = Math.min(Math.max(gains[b], 0f), 1f);
            // Only for bands where the network is not sure of speech: 34 calls per frame, not per bin.
            gains[b] = g < 1f ? g * (float) Math.pow(classicGains[b], 1f - g) : g;
        }
    }

    @Override
    public void reset() {
        network.reset();
        classic.reset();
    }
}
