package dev.hush.dsp;

/**
 * PercepNet's pitch comb filter p[n] = Σ_{k=−M..M} w_k · x[n − k·T] with Hann-shaped taps summing to 1.
 * A periodic signal with period T passes unchanged; uncorrelated noise keeps only c = Σ w_k² of its power.
 *
 * The taps with k &lt; 0 read the future, and the future we have is bounded by the denoiser's look-ahead.
 * Rather than truncating one side (which would delay the harmonics whenever the pitch drifts), long periods
 * use a shorter symmetric filter: M = min(3, lookahead / T).
 */
public final class CombFilter {
    private final int lookaheadSamples;
    /** TAPS[m] holds the 2m+1 weights of the order-m filter, index k+m for offset k. */
    private final float[][] taps = new float[PercepNet.COMB_ORDER + 1][];
    private final float[] noiseAttenuation = new float[PercepNet.COMB_ORDER + 1];

    public CombFilter(int lookaheadSamples) {
        if (lookaheadSamples < PercepNet.PITCH_MAX_PERIOD_SAMPLES) {
            throw new IllegalArgumentException("look-ahead must cover one longest pitch period");
        }
        this.lookaheadSamples = lookaheadSamples;
        for (int m = 0; m <= PercepNet.COMB_ORDER; m++) {
            float[] w = new float[2 * m + 1];
            double sum = 0;
            for (int k = -m; k <= m; k++) {
                double v = 0.5 - 0.5 * Math.cos(2 * Math.PI * (k + m + 1) / (2 * m + 2));
                w[k + m] = (float) v;
                sum += v;
            }
            double c = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] /= (float) sum;
                c += w[i] * w[i];
            }
            taps[m] = w;
            noiseAttenuation[m] = (float) c;
        }
    }

    /** The filter order M used for a period. */
    public int order(int periodSamples) {
        return Math.min(PercepNet.COMB_ORDER, lookaheadSamples / periodSamples);
    }

    /** c = Σ w_k²: the fraction of white-noise power the filter of this period keeps. */
    public float noiseAttenuation(int periodSamples) {
        return noiseAttenuation[order(periodSamples)];
    }

    /**
     * Filters x[start, start+length) into out[0, length). x must hold M·T samples before start and after
     * start+length−1 ({@link #order}).
     */
    public void apply(float[] x, int start, int length, int periodSamples, float[] out) {
        int m = order(periodSamples);
        float[] w = taps[m];
        for (int n = 0; n < length; n++) {
            out[n] = 0f;
        }
        for (int k = -m; k <= m; k++) {
            float wk = w[k + m];
            int from = start - k * periodSamples;
            for (int n = 0; n < length; n++) {
                out[n] += wk * x[from + n];
            }
        }
    }
}
