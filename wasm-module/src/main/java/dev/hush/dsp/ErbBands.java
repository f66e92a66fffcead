package dev.hush.dsp;

/**
 * PercepNet's 34 triangular bands with 50% overlap: band peaks every 100 Hz up to 1.4 kHz (where the ERB is
 * narrower than two bins would allow), then evenly spaced on the ERB-rate scale up to 20 kHz, at least two
 * bins apart. Each bin belongs to at most two neighbouring triangles whose weights sum to 1, so the same
 * weights serve both for pooling bins into bands and for spreading band values back to bins.
 */
public final class ErbBands {
    private static final float LINEAR_STEP_HZ = 100f;
    private static final float LINEAR_TOP_HZ = 1400f;
    private static final float TOP_HZ = 20_000f;
    private static final int MIN_SPACING_BINS = 2;

    private static final int[] CENTER_BINS = computeCenterBins();

    /** For bin k: the band whose triangle rises towards k from below, and the weight of the band above it. */
    private static final int[] LOWER_BAND = new int[PercepNet.BINS];
    private static final float[] UPPER_WEIGHT = new float[PercepNet.BINS];

    static {
        int last = PercepNet.BANDS - 1;
        for (int k = 0; k < PercepNet.BINS; k++) {
            if (k >= CENTER_BINS[last]) {
                // Above 20 kHz everything is pooled into the top band (flat shoulder), so weights still sum to 1.
                LOWER_BAND[k] = last - 1;
                UPPER_WEIGHT[k] = 1f;
                continue;
            }
            int b = 0;
            while (CENTER_BINS[b + 1] <= k) {
                b++;
            }
            LOWER_BAND[k] = b;
            UPPER_WEIGHT[k] = (float) (k - CENTER_BINS[b]) / (CENTER_BINS[b + 1] - CENTER_BINS[b]);
        }
    }

    private ErbBands() {
    }

    static double erbRate(double hz) {
        return 21.4 * Math.log10(1 + 0.00437 * hz);
    }

    static double erbRateToHz(double erb) {
        return (Math.pow(10, erb / 21.4) - 1) / 0.00437;
    }

    private static int[] computeCenterBins() {
        int[] centers = new int[PercepNet.BANDS];
        int linearBands = (int) (LINEAR_TOP_HZ / LINEAR_STEP_HZ) + 1;
        for (int b = 0; b < linearBands; b++) {
            centers[b] = Math.round(b * LINEAR_STEP_HZ / PercepNet.BIN_WIDTH_HZ);
        }
        double erbLow = erbRate(LINEAR_TOP_HZ);
        double erbHigh = erbRate(TOP_HZ);
        int erbBands = PercepNet.BANDS - linearBands;
        for (int i = 1; i <= erbBands; i++) {
            double hz = erbRateToHz(erbLow + (erbHigh - erbLow) * i / erbBands);
            int bin = (int) Math.round(hz / PercepNet.BIN_WIDTH_HZ);
            centers[linearBands - 1 + i] = Math.max(bin, centers[linearBands - 2 + i] + MIN_SPACING_BINS);
        }
        return centers;
    }

    /** Bin index of each band's triangle peak (a copy). */
    public static int[] centerBins() {
        return CENTER_BINS.clone();
    }

    public static float centerHz(int band) {
        return CENTER_BINS[band] * PercepNet.BIN_WIDTH_HZ;
    }

    /** Weight of band {@code band} at bin {@code bin} (0 outside its triangle). */
    public static float weight(int band, int bin) {
        int lower = LOWER_BAND[bin];
        if (band == lower) {
            return 1f - UPPER_WEIGHT[bin];
        }
        if (band == lower + 1) {
            return UPPER_WEIGHT[bin];
        }
        return 0f;
    }

    /** E_b = Σ_k w_b(k)·|X(k)|². */
    public static void energy(float[] re, float[] im, float[] bandOut) {
        java.util.Arrays.fill(bandOut, 0, PercepNet.BANDS, 0f);
        for (int k = 0; k < PercepNet.BINS; k++) {
            float e = re[k] * re[k] + im[k] * im[k];
            float up = UPPER_WEIGHT[k];
            int b = LOWER_BAND[k];
            bandOut[b] += (1f - up) * e;
            bandOut[b + 1] += up * e;
        }
    }

    /** Σ_k w_b(k)·Re(X(k)·P*(k)): the band cross-energy behind the pitch coherence. */
    public static void crossEnergy(float[] xRe, float[] xIm, float[] pRe, float[] pIm, float[] bandOut) {
        java.util.Arrays.fill(bandOut, 0, PercepNet.BANDS, 0f);
        for (int k = 0; k < PercepNet.BINS; k++) {
            float c = xRe[k] * pRe[k] + xIm[k] * pIm[k];
            float up = UPPER_WEIGHT[k];
            int b = LOWER_BAND[k];
            bandOut[b] += (1f - up) * c;
            bandOut[b + 1] += up * c;
        }
    }

    /** Spreads 34 band values to 481 bins along the triangles (linear between band peaks). */
    public static void interpolate(float[] bandValues, float[] binOut) {
        for (int k = 0; k < PercepNet.BINS; k++) {
            int b = LOWER_BAND[k];
            float up = UPPER_WEIGHT[k];
            binOut[k] = (1f - up) * bandValues[b] + up * bandValues[b + 1];
        }
    }
}
