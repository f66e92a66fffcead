package dev.hush.dsp;

/**
 * The pitch period T and pitch correlation of PercepNet, once per frame.
 *
 * <p>The correlation is the normalised cross-correlation of x[n] and x[n - T] over the analysis window. Searching all
 * 709 lags at 48 kHz would cost ~680k multiply-adds a frame, so the search is hierarchical:
 * <ol>
 * <li>three half-band stages decimate the window and its history to 24, 12 and 6 kHz (pitch lives well below 3 kHz);</li>
 * <li>coarse: every lag of the period range at 6 kHz (lags 6..98);</li>
 * <li>candidates: the best local maximum, the shortest of its sub-multiples that still correlates almost as well
 *     (a periodic signal also correlates at 2T, 3T...), the peak nearest the previous period (so the tracker can
 *     keep its path), then the next best peaks;</li>
 * <li>each candidate refined at 12 kHz (+-2 lags, parabolic interpolation);</li>
 * <li>{@link PitchViterbi} picks a candidate or "unvoiced" with costs that penalise octave jumps;</li>
 * <li>the chosen period refined at 48 kHz (+-2 lags), where the reported correlation is measured.</li>
 * </ol>
 * About 31k multiply-adds a frame in all (decimation 7.6k, coarse 93 lags x 109 samples 10.1k, refinement
 * 4 x 5 lags x 237 samples 4.7k, full rate 5 x 960 4.8k, plus window energies), against ~680k for a full search.
 * Unvoiced frames keep the previous period.
 *
 * <p>The input is expected to be free of DC (the signal path high-passes it first): a DC offset correlates at every
 * lag and inflates the correlation.
 */
public final class PitchSearch {
    /** Samples the caller must provide before {@code start}: the longest lag plus room for the decimation filters. */
    public static final int HISTORY_SAMPLES = PercepNet.PITCH_MAX_PERIOD_SAMPLES + 32;
    public static final int MIN_WINDOW_SAMPLES = PercepNet.HOP_SAMPLES;
    public static final int MAX_WINDOW_SAMPLES = PercepNet.WINDOW_SAMPLES;
    /** Period reported before any voiced frame has been seen. */
    public static final int INITIAL_PERIOD_SAMPLES = PercepNet.PITCH_MIN_PERIOD_SAMPLES;

    private static final int MIN_PERIOD = PercepNet.PITCH_MIN_PERIOD_SAMPLES;
    private static final int MAX_PERIOD = PercepNet.PITCH_MAX_PERIOD_SAMPLES;

    private static final int COARSE_DECIMATION = 8;
    private static final int MID_DECIMATION = 4;
    /** Coarse lags that may hold a peak of the period range; one more lag each side is computed for the peak test. */
    private static final int COARSE_PEAK_MIN_LAG = MIN_PERIOD / COARSE_DECIMATION;
    private static final int COARSE_PEAK_MAX_LAG = (MAX_PERIOD + COARSE_DECIMATION - 1) / COARSE_DECIMATION + 1;
    private static final int COARSE_MIN_LAG = COARSE_PEAK_MIN_LAG - 1;
    private static final int COARSE_MAX_LAG = COARSE_PEAK_MAX_LAG + 1;
    private static final int MID_MIN_LAG = (MIN_PERIOD + MID_DECIMATION - 1) / MID_DECIMATION;
    private static final int MID_MAX_LAG = MAX_PERIOD / MID_DECIMATION;
    private static final int MID_SEARCH_RADIUS = 2;
    private static final int FULL_SEARCH_RADIUS = 2;

    /** A sub-multiple of the best coarse peak becomes a candidate when its correlation is at least this fraction. */
    private static final float DOUBLING_RATIO = 0.7f;
    private static final float DOUBLING_RATIO_SQUARED = DOUBLING_RATIO * DOUBLING_RATIO;
    /** The continuity candidate is looked for within a quarter octave of the previous period. */
    private static final float CONTINUITY_RANGE = 1.19f;

    private static final int CANDIDATES = PitchViterbi.MAX_CANDIDATES;

    private final HalfbandDecimator halfband = new HalfbandDecimator();
    private final PitchViterbi viterbi = new PitchViterbi();
    private final float[] x24;
    private final float[] x12;
    private final float[] x6;
    /** Signed squared normalised correlation r|r| per coarse lag: same ordering as r, no square root per lag. */
    private final float[] coarse = new float[COARSE_MAX_LAG + 1];
    private final int[] candidateLag = new int[CANDIDATES];
    private final float[] candidatePeriod = new float[CANDIDATES];
    private final float[] candidateStrength = new float[CANDIDATES];

    private int period;
    private float correlation;

    public PitchSearch() {
        int n24 = HalfbandDecimator.outputCount(HISTORY_SAMPLES + MAX_WINDOW_SAMPLES);
        int n12 = HalfbandDecimator.outputCount(n24);
        int n6 = HalfbandDecimator.outputCount(n12);
        x24 = new float[n24];
        x12 = new float[n12];
        x6 = new float[n6];
        int shortest6 = HalfbandDecimator.outputCount(HalfbandDecimator.outputCount(
                HalfbandDecimator.outputCount(HISTORY_SAMPLES + MIN_WINDOW_SAMPLES)));
        if (shortest6 - COARSE_MAX_LAG - 1 < 32) {
            throw new IllegalStateException("pitch history too short for the coarse search");
        }
        reset();
    }

    public void reset() {
        viterbi.reset();
        period = INITIAL_PERIOD_SAMPLES;
        correlation = 0f;
    }

    /** The tracked pitch period in samples at 48 kHz, in [PITCH_MIN_PERIOD_SAMPLES, PITCH_MAX_PERIOD_SAMPLES]. */
    public int periodSamples() {
        return period;
    }

    /** Normalised cross-correlation of x[n] and x[n - periodSamples()] over the last window, clamped to [0, 1]. */
    public float correlation() {
        return correlation;
    }

    /**
     * Analyses x[start, start + length) and updates the tracked period and correlation.
     *
     * @param x      audio at 48 kHz; x must hold at least {@link #HISTORY_SAMPLES} samples before {@code start}
     * @param length window length, MIN_WINDOW_SAMPLES..MAX_WINDOW_SAMPLES (normally PercepNet.WINDOW_SAMPLES)
     * @throws IllegalArgumentException when the window or its history is not inside x
     */
    public void analyze(float[] x, int start, int length) {
        if (x == null) {
            throw new IllegalArgumentException("x is null");
        }
        if (length < MIN_WINDOW_SAMPLES || length > MAX_WINDOW_SAMPLES) {
            throw new IllegalArgumentException("window length " + length + " outside "
                    + MIN_WINDOW_SAMPLES + ".." + MAX_WINDOW_SAMPLES);
        }
        if (start < HISTORY_SAMPLES || start > x.length - length) {
            throw new IllegalArgumentException("window [" + start + ", " + (start + length)
                    + ") needs " + HISTORY_SAMPLES + " samples of history inside an array of " + x.length);
        }

        int n24 = halfband.decimate(x, start - HISTORY_SAMPLES, HISTORY_SAMPLES + length, x24);
        int n12 = halfband.decimate(x24, 0, n24, x12);
        int n6 = halfband.decimate(x12, 0, n12, x6);
        // Each rate correlates its own last samples; the decimated windows end ~1 ms before the full-rate one.
        // The "- 1" leaves room for the sample the running lagged energy takes in after the longest lag.
        int window6 = Math.min(length / COARSE_DECIMATION, n6 - COARSE_MAX_LAG - 1);
        int window12 = Math.min(length / MID_DECIMATION, n12 - MID_MAX_LAG - 1);

        correlateCoarse(n6 - window6, window6);
        int count = selectCandidates();
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (refineMid(candidateLag[i], n12 - window12, window12, kept)) {
                kept++;
            }
        }

        int chosen = viterbi.step(candidatePeriod, candidateStrength, kept);
        float r;
        if (chosen == PitchViterbi.UNVOICED) {
            r = normalisedCorrelation(x, start, length, period);
        } else {
            r = refineFull(x, start, length, Math.round(candidatePeriod[chosen]));
        }
        // NaN in the input must not stick: report no correlation and let the next frames recover.
        correlation = r > 0f ? Math.min(r, 1f) : 0f;
    }

    /** Fills {@link #coarse} for every coarse lag, over x6[windowStart, windowStart + window). */
    private void correlateCoarse(int windowStart, int window) {
        double energy = energy(x6, windowStart, window);
        double lagged = energy(x6, windowStart - COARSE_MIN_LAG, window);
        for (int t = COARSE_MIN_LAG; t <= COARSE_MAX_LAG; t++) {
            float xy = dot(x6, windowStart, x6, windowStart - t, window);
            coarse[t] = signedSquare(xy, energy, lagged);
            float enter = x6[windowStart - t - 1];
            float leave = x6[windowStart + window - 1 - t];
            lagged += (double) enter * enter - (double) leave * leave;
        }
    }

    private boolean isPeak(int t) {
        float q = coarse[t];
        return q > 0f && q >= coarse[t - 1] && q > coarse[t + 1];
    }

    /** Strongest coarse peak in [lo, hi] not within one lag of an already chosen candidate, or -1. */
    private int strongestPeak(int lo, int hi, int chosen) {
        lo = Math.max(lo, COARSE_PEAK_MIN_LAG);
        hi = Math.min(hi, COARSE_PEAK_MAX_LAG);
        int best = -1;
        for (int t = lo; t <= hi; t++) {
            if (isPeak(t) && (best < 0 || coarse[t] > coarse[best]) && !nearChosen(t, chosen)) {
                best = t;
            }
        }
        return best;
    }

    private boolean nearChosen(int t, int chosen) {
        for (int i = 0; i < chosen; i++) {
            if (Math.abs(candidateLag[i] - t) <= 1) {
                return true;
            }
        }
        return false;
    }

    /** Coarse lags worth refining, into candidateLag; returns how many. */
    private int selectCandidates() {
        int best = strongestPeak(COARSE_PEAK_MIN_LAG, COARSE_PEAK_MAX_LAG, 0);
        if (best < 0) {
            return 0;
        }
        int count = 0;
        candidateLag[count++] = best;

        int shortest = shortestSubMultiple(best);
        if (shortest > 0) {
            candidateLag[count++] = shortest;
        }

        float previous = (float) period / COARSE_DECIMATION;
        int lo = (int) (previous / CONTINUITY_RANGE);
        int hi = (int) (previous * CONTINUITY_RANGE + 1f);
        int continuing = strongestPeak(lo, hi, count);
        if (continuing > 0) {
            candidateLag[count++] = continuing;
        }

        while (count < CANDIDATES) {
            int next = strongestPeak(COARSE_PEAK_MIN_LAG, COARSE_PEAK_MAX_LAG, count);
            if (next < 0) {
                break;
            }
            candidateLag[count++] = next;
        }
        return count;
    }

    /**
     * The shortest peak near best/m (m >= 2) correlating at least DOUBLING_RATIO as well as best, or -1. It only
     * becomes a candidate: a lucky noise peak at a short lag still has to win in {@link PitchViterbi}.
     */
    private int shortestSubMultiple(int best) {
        float threshold = DOUBLING_RATIO_SQUARED * coarse[best];
        int maxMultiple = best / COARSE_PEAK_MIN_LAG;
        for (int m = maxMultiple; m >= 2; m--) {
            int centre = (best + m / 2) / m;
            int t = strongestPeak(centre - 1, centre + 1, 1);
            if (t < 0 || coarse[t] < threshold) {
                continue;
            }
            return t;
        }
        return -1;
    }

    /**
     * Refines a coarse lag at 12 kHz and stores period (48 kHz samples) and correlation as candidate {@code slot}.
     *
     * @return false if the candidate is unusable (no finite correlation)
     */
    private boolean refineMid(int coarseLag, int windowStart, int window, int slot) {
        float centre = (coarseLag + coarseOffset(coarseLag)) * COARSE_DECIMATION / MID_DECIMATION;
        int first = Math.max(MID_MIN_LAG, Math.round(centre) - MID_SEARCH_RADIUS);
        int last = Math.min(MID_MAX_LAG, Math.round(centre) + MID_SEARCH_RADIUS);
        if (first > last) {
            return false;
        }
        double energy = energy(x12, windowStart, window);
        double lagged = energy(x12, windowStart - first, window);
        float before = Float.NEGATIVE_INFINITY;
        float bestQ = Float.NEGATIVE_INFINITY;
        float bestBefore = Float.NEGATIVE_INFINITY;
        float bestAfter = Float.NEGATIVE_INFINITY;
        int bestLag = -1;
        for (int t = first; t <= last; t++) {
            float q = signedSquare(dot(x12, windowStart, x12, windowStart - t, window), energy, lagged);
            if (t == bestLag + 1) {
                bestAfter = q;
            }
            if (q > bestQ) {
                bestQ = q;
                bestLag = t;
                bestBefore = before;
                bestAfter = Float.NEGATIVE_INFINITY;
            }
            before = q;
            float enter = x12[windowStart - t - 1];
            float leave = x12[windowStart + window - 1 - t];
            lagged += (double) enter * enter - (double) leave * leave;
        }
        if (bestLag < 0) {
            return false;
        }
        float lag = bestLag + parabolicOffset(bestBefore, bestQ, bestAfter);
        float p = MID_DECIMATION * lag;
        candidatePeriod[slot] = Math.max(MIN_PERIOD, Math.min(MAX_PERIOD, p));
        candidateStrength[slot] = bestQ >= 0f ? (float) Math.sqrt(bestQ) : -(float) Math.sqrt(-bestQ);
        return true;
    }

    private float coarseOffset(int t) {
        return parabolicOffset(coarse[t - 1], coarse[t], coarse[t + 1]);
    }

    /** Vertex of the parabola through (-1, a), (0, b), (1, c), within +-0.5; 0 when b is not a maximum. */
    private static float parabolicOffset(float a, float b, float c) {
        if (!(a > Float.NEGATIVE_INFINITY) || !(c > Float.NEGATIVE_INFINITY)) {
            return 0f;
        }
        float curvature = a - 2f * b + c;
        if (!(curvature < 0f)) {
            return 0f;
        }
        float offset = 0.5f * (a - c) / curvature;
        return Math.max(-0.5f, Math.min(0.5f, offset));
    }

    /** Best integer period within FULL_SEARCH_RADIUS of {@code centre}; sets {@link #period}, returns its correlation. */
    private float refineFull(float[] x, int start, int length, int centre) {
        int first = Math.max(MIN_PERIOD, centre - FULL_SEARCH_RADIUS);
        int last = Math.min(MAX_PERIOD, centre + FULL_SEARCH_RADIUS);
        double energy = energy(x, start, length);
        double lagged = energy(x, start - first, length);
        float bestQ = Float.NEGATIVE_INFINITY;
        int bestLag = centre;
        for (int t = first; t <= last; t++) {
            float q = signedSquare(dot(x, start, x, start - t, length), energy, lagged);
            if (q > bestQ) {
                bestQ = q;
                bestLag = t;
            }
            float enter = x[start - t - 1];
            float leave = x[start + length - 1 - t];
            lagged += (double) enter * enter - (double) leave * leave;
        }
        period = Math.max(MIN_PERIOD, Math.min(MAX_PERIOD, bestLag));
        return bestQ > 0f ? (float) Math.sqrt(bestQ) : 0f;
    }

    private static float normalisedCorrelation(float[] x, int start, int length, int lag) {
        float q = signedSquare(dot(x, start, x, start - lag, length), energy(x, start, length),
                energy(x, start - lag, length));
        return q > 0f ? (float) Math.sqrt(q) : 0f;
    }

    /** r|r| with r = xy / sqrt(xx yy); 0 for a silent window or lag. */
    private static float signedSquare(float xy, double xx, double yy) {
        double denominator = xx * yy;
        if (!(denominator > 1e-30)) {
            return 0f;
        }
        return (float) (xy * (double) Math.abs(xy) / denominator);
    }

    private static double energy(float[] a, int offset, int length) {
        return dot(a, offset, a, offset, length);
    }

    /** Four partial sums: shorter dependency chains, and less rounding error than one running float sum. */
    private static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
