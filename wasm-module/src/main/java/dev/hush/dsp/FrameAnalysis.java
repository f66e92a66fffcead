package dev.hush.dsp;

/**
 * Everything PercepNet measures about one 20 ms window: the spectrum X, the spectrum P of the comb-filtered
 * signal, band energies of both, the per-band pitch coherence q_b, and the 70 network features.
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

    public FrameAnalysis(CombFilter comb) {
        this.comb = comb;
    }

    /** Analyses x[start, start+960) given the pitch found for it; x must hold the comb filter's reach around it. */
    public void analyze(float[] x, int start, int periodSamples, float pitchCorrelation) {
        this.periodSamples = periodSamples;
        this.pitchCorrelation = pitchCorrelation;
        stft.analyze(x, start, xRe, xIm);
        comb.apply(x, start, PercepNet.WINDOW_SAMPLES, periodSamples, combOut);
        stft.analyze(combOut, 0, pRe, pIm);
        ErbBands.energy(xRe, xIm, energy);
        ErbBands.energy(pRe, pIm, combEnergy);
        ErbBands.crossEnergy(xRe, xIm, pRe, pIm, crossEnergy);
        for (int b = 0; b < PercepNet.BANDS; b++) {
            coherence[b] = coherence(crossEnergy[b], energy[b], combEnergy[b]);
            features[b] = LOG_ENERGY_SCALE * (float) Math.log10(energy[b] + ENERGY_FLOOR);
            features[PercepNet.BANDS + b] = coherence[b];
        }
        features[2 * PercepNet.BANDS] = (float) (Math.log(periodSamples / PERIOD_REFERENCE_SAMPLES) / Math.log(2));
        features[2 * PercepNet.BANDS + 1] = pitchCorrelation;
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

    /** The 70 network inputs of this frame, copied into {@code out[offset..offset+70)}. */
    public void copyFeatures(float[] out, int offset) {
        System.arraycopy(features, 0, out, offset, PercepNet.FEATURES);
    }

    public float feature(int index) {
        return features[index];
    }
}
