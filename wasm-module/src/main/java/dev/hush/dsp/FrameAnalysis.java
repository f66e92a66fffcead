package dev.hush.dsp;

/**
 * Everything PercepNet measures about one 20 ms window: the spectrum X, the spectrum P of the comb-filtered
 * signal, band energies of both, the per-band pitch coherence q_b, and the network features.
 *
 * <p>Features ({@link PercepNet#FEATURES}): 34 log band energies, 34 coherences, the pitch period, the pitch
 * correlation, then 34 log band energies of the newest window, the one ending at the newest input sample. The comb
 * filter already holds those samples back for its future taps, so the network gets 20 ms of look-ahead on the
 * energies without adding latency: it can open the gains as a word starts instead of one frame after.
 * Models trained before the look-ahead features read only the first {@link PercepNet#FEATURES_WITHOUT_LOOKAHEAD}.
 */
public final class FrameAnalysis {
    /** log10 of this energy is the feature of a silent band; keeps log finite and features bounded. */
    private static final float ENERGY_FLOOR = 1e-7f;
    /** Scales log10 energies (≈ −7 … +5) to O(1) network inputs. */
    private static final float LOG_ENERGY_SCALE = 0.25f;
    /** Pitch period feature is log2(T / this), ≈ −1.7 … +1.9 over the search range. */
    private static final float PERIOD_REFERENCE_SAMPLES = 200f;

    private final Stft stft = new Stft();
    private final CombFilter comb;
    /** Offset of the newest window from the analysed one; 0 when this analysis has no look-ahead features. */
    private final int lookaheadSamples;
    private final float[] aheadRe = new float[PercepNet.BINS];
    private final float[] aheadIm = new float[PercepNet.BINS];
    private final float[] aheadEnergy = new float[PercepNet.BANDS];
    /**
     * Streaming ({@link #analyzeNext}): the newest window of frame t is the analysed window of frame t + this many
     * frames, so its spectrum is kept and reused instead of transformed again.
     */
    private final int lookaheadFrames;
    private final float[][] aheadRingRe;
    private final float[][] aheadRingIm;
    private int aheadRingNext;
    /** How many consecutive streaming frames the ring holds (saturates at its size). */
    private int aheadRingFilled;
    private final float[] combOut = new float[PercepNet.WINDOW_SAMPLES];

    final float[] xRe = new float[PercepNet.BINS];
    final float[] xIm = new float[PercepNet.BINS];
    final float[] pRe = new float[PercepNet.BINS];
    final float[] pIm = new float[PercepNet.BINS];
    final float[] energy = new float[PercepNet.BANDS];
    final float[] combEnergy = new float[PercepNet.BANDS];
    final float[] crossEnergy = new float[PercepNet.BANDS];
    final float[] coherence = new float[PercepNet.BANDS];
    final float[] features = new float[PercepNet.FEATURES];
    private int periodSamples = PercepNet.PITCH_MAX_PERIOD_SAMPLES;
    private float pitchCorrelation;

    /** An analysis without look-ahead (the oracle's clean side, tests): the look-ahead features repeat the energies. */
    public FrameAnalysis(CombFilter comb) {
        this(comb, 0);
    }

    /**
     * @param lookaheadSamples how far the newest window starts after the analysed one; x passed to {@link #analyze}
     *                         must then hold {@code start + lookaheadSamples + 960} samples
     */
    public FrameAnalysis(CombFilter comb, int lookaheadSamples) {
        if (lookaheadSamples < 0) {
            throw new IllegalArgumentException("look-ahead must be ≥ 0 samples, got " + lookaheadSamples);
        }
        this.comb = comb;
        this.lookaheadSamples = lookaheadSamples;
        boolean wholeHops = lookaheadSamples % PercepNet.HOP_SAMPLES == 0;
        this.lookaheadFrames = wholeHops ? lookaheadSamples / PercepNet.HOP_SAMPLES : 0;
        this.aheadRingRe = new float[lookaheadFrames][PercepNet.BINS];
        this.aheadRingIm = new float[lookaheadFrames][PercepNet.BINS];
    }

    /**
     * {@link #analyze} for a stream: x holds the same signal as at the previous call of this method, moved on by
     * exactly one hop (or this is the first call since {@link #reset}). The analysed window was then the newest
     * window {@code lookaheadFrames} calls ago, so its spectrum comes from the ring: one transform fewer per frame,
     * with bit-identical results.
     */
    public void analyzeNext(float[] x, int start, int periodSamples, float pitchCorrelation) {
        if (lookaheadFrames == 0) {
            analyze(x, start, periodSamples, pitchCorrelation);
            return;
        }
        float[] ringRe = aheadRingRe[aheadRingNext];
        float[] ringIm = aheadRingIm[aheadRingNext];
        boolean cached = aheadRingFilled == lookaheadFrames;
        if (cached) {
            System.arraycopy(ringRe, 0, xRe, 0, PercepNet.BINS);
            System.arraycopy(ringIm, 0, xIm, 0, PercepNet.BINS);
        } else {
            aheadRingFilled++;
        }
        analyzeWithSpectrum(x, start, periodSamples, pitchCorrelation, !cached);
        System.arraycopy(aheadRe, 0, ringRe, 0, PercepNet.BINS);
        System.arraycopy(aheadIm, 0, ringIm, 0, PercepNet.BINS);
        aheadRingNext = (aheadRingNext + 1) % lookaheadFrames;
    }

    /** Forgets the kept spectra: the next {@link #analyzeNext} starts a new stream. */
    public void reset() {
        aheadRingFilled = 0;
        aheadRingNext = 0;
    }

    /** Analyses x[start, start+960) given the pitch found for it; x must hold the comb filter's reach around it. */
    public void analyze(float[] x, int start, int periodSamples, float pitchCorrelation) {
        analyzeWithSpectrum(x, start, periodSamples, pitchCorrelation, true);
    }

    private void analyzeWithSpectrum(float[] x, int start, int periodSamples, float pitchCorrelation,
                                     boolean transformX) {
        this.periodSamples = periodSamples;
        this.pitchCorrelation = pitchCorrelation;
        if (transformX) {
            stft.analyze(x, start, xRe, xIm);
        }
        comb.apply(x, start, PercepNet.WINDOW_SAMPLES, periodSamples, combOut);
        stft.analyze(combOut, 0, pRe, pIm);
        ErbBands.energy(xRe, xIm, energy);
        ErbBands.energy(pRe, pIm, combEnergy);
        ErbBands.crossEnergy(xRe, xIm, pRe, pIm, crossEnergy);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            coherence[b] = coherence(crossEnergy[b], energy[b], combEnergy[b]);
            features[b] = logEnergyFeature(energy[b]);
            features[PercepNet.BANDS + b] = coherence[b];
        }
        features[2 * PercepNet.BANDS] = (float) (Math.log(periodSamples / PERIOD_REFERENCE_SAMPLES) / Math.log(2));
        features[2 * PercepNet.BANDS + 1] = pitchCorrelation;
        int ahead = PercepNet.FEATURES_WITHOUT_LOOKAHEAD;
        if (lookaheadSamples == 0) {
            System.arraycopy(features, 0, features, ahead, PercepNet.BANDS);
            return;
        }
        stft.analyze(x, start + lookaheadSamples, aheadRe, aheadIm);
        ErbBands.energy(aheadRe, aheadIm, aheadEnergy);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            features[ahead + b] = logEnergyFeature(aheadEnergy[b]);
        }
    }

    private static float logEnergyFeature(float bandEnergy) {
        return LOG_ENERGY_SCALE * (float) Math.log10(bandEnergy + ENERGY_FLOOR);
    }

    /** q = Re⟨X,P⟩ / sqrt(E_x·E_p), clamped to [0,1]: anti-correlation carries no usable pitch. */
    static float coherence(float cross, float ex, float ep) {
        float denominator = (float) Math.sqrt((double) ex * ep);
        if (!(denominator > 1e-20f)) {
            return 0f;
        }
        float q = cross / denominator;
        return q < 0f ? 0f : Math.min(q, 1f);
    }

    public int periodSamples() {
        return periodSamples;
    }

    public float pitchCorrelation() {
        return pitchCorrelation;
    }

    /** Band energy E_b of the analysed window (read-only view). */
    public float energy(int band) {
        return energy[band];
    }

    public float coherence(int band) {
        return coherence[band];
    }

    public float combNoiseAttenuation() {
        return comb.noiseAttenuation(periodSamples);
    }

    /** The network inputs of this frame, copied into {@code out[offset..offset+FEATURES)}. */
    public void copyFeatures(float[] out, int offset) {
        System.arraycopy(features, 0, out, offset, PercepNet.FEATURES);
    }

    public float feature(int index) {
        return features[index];
    }
}
