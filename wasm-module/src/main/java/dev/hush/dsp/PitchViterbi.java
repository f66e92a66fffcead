package dev.hush.dsp;

/**
 * Frame-to-frame pitch tracking: a Viterbi recursion over the period candidates of each frame plus an
 * "unvoiced" state, decided online (no look-ahead): the state with the lowest accumulated cost is output, except
 * that a voiced output keeps continuing its own path while that path is within a hysteresis margin of the best.
 *
 * <p>Costs, all on the scale of a normalised correlation (0..1):
 * <ul>
 * <li>emission of a voiced candidate: 1 - r, plus a sub-harmonic penalty when a shorter candidate whose period
 *     divides this one correlates nearly as well ("remove doubling": a periodic signal correlates at T, 2T, 3T...
 *     alike, and the shortest of them is the period);</li>
 * <li>emission of unvoiced: 1 - VOICING_THRESHOLD, so a candidate must correlate better than that to win on its own;</li>
 * <li>transition between voiced states: proportional to the jump in octaves, so an octave jump costs more than the
 *     sub-harmonic penalty and a glide (a few % per frame) costs next to nothing;</li>
 * <li>voicing change: a small constant, which gives hysteresis and lets the track restart anywhere after a pause.</li>
 * </ul>
 * Every state can be reached from every previous state, so the accumulated costs of the states never drift more
 * than one jump apart; they are re-based to the best state each frame to stay small.
 */
final class PitchViterbi {
    static final int MAX_CANDIDATES = 4;
    static final int UNVOICED = -1;

    /** Correlation above which a candidate beats the unvoiced state on emission alone. */
    static final float VOICING_THRESHOLD = 0.4f;
    static final float VOICING_CHANGE_COST = 0.2f;
    static final float JUMP_COST_PER_OCTAVE = 0.8f;
    static final float SUBHARMONIC_COST = 0.15f;
    /**
     * Below this correlation ratio (shorter candidate / this one) a divisor earns no penalty; above HIGH, full.
     * Deliberately demanding: a period too short by an octave makes the comb filter remove the odd harmonics, while
     * one too long still passes every harmonic, so halving is the worse error. Values were set on real speech
     * (French male, English female, clean to 0 dB SNR) for fewest octave jumps at equal agreement with a
     * brute-force full-rate search.
     */
    static final float SUBHARMONIC_RATIO_LOW = 0.85f;
    static final float SUBHARMONIC_RATIO_HIGH = 0.95f;
    /** How far (relative) a period ratio may be from an integer and still count as a multiple. */
    static final float MULTIPLE_TOLERANCE = 0.06f;
    /**
     * The output stays on the candidate continuing last frame's output (within CONTINUITY_OCTAVES) unless another
     * path is better by more than SWITCH_HYSTERESIS. Without it, two paths of nearly equal cost (an ambiguous
     * octave) would trade places every few frames, each time an octave jump in the output.
     */
    static final float SWITCH_HYSTERESIS = 0.3f;
    static final float CONTINUITY_OCTAVES = 0.17f;

    private static final float INV_LN2 = (float) (1.0 / Math.log(2.0));

    private final float[] previousOctave = new float[MAX_CANDIDATES];
    private final float[] previousCost = new float[MAX_CANDIDATES];
    private final float[] octave = new float[MAX_CANDIDATES];
    private final float[] cost = new float[MAX_CANDIDATES];
    private int previousCount;
    private float previousUnvoicedCost;
    /** log2 of the period output last frame; NaN after an unvoiced frame. */
    private float previousOutputOctave;

    PitchViterbi() {
        reset();
    }

    void reset() {
        previousCount = 0;
        previousUnvoicedCost = 0f;
        previousOutputOctave = Float.NaN;
    }

    /**
     * Advances one frame.
     *
     * @param period   candidate periods in samples (> 0)
     * @param strength their normalised correlations, -1..1
     * @param count    number of candidates, 0..MAX_CANDIDATES
     * @return the index of the candidate on the best path, or UNVOICED
     */
    int step(float[] period, float[] strength, int count) {
        float bestPreviousVoiced = Float.POSITIVE_INFINITY;
        for (int i = 0; i < previousCount; i++) {
            bestPreviousVoiced = Math.min(bestPreviousVoiced, previousCost[i]);
        }
        float unvoicedCost = (1f - VOICING_THRESHOLD)
                + Math.min(previousUnvoicedCost, bestPreviousVoiced + VOICING_CHANGE_COST);
        int best = UNVOICED;
        float bestCost = unvoicedCost;

        for (int j = 0; j < count; j++) {
            octave[j] = (float) Math.log(period[j]) * INV_LN2;
        }
        for (int j = 0; j < count; j++) {
            float emission = 1f - strength[j] + subharmonicPenalty(period, strength, count, j);
            float arrival = previousUnvoicedCost + VOICING_CHANGE_COST;
            for (int i = 0; i < previousCount; i++) {
                float jump = Math.abs(octave[j] - previousOctave[i]);
                arrival = Math.min(arrival, previousCost[i] + JUMP_COST_PER_OCTAVE * jump);
            }
            cost[j] = emission + arrival;
            if (cost[j] < bestCost) {
                bestCost = cost[j];
                best = j;
            }
        }

        for (int j = 0; j < count; j++) {
            previousCost[j] = cost[j] - bestCost;
            previousOctave[j] = octave[j];
        }
        previousCount = count;
        previousUnvoicedCost = unvoicedCost - bestCost;

        int output = best;
        if (best != UNVOICED && !Float.isNaN(previousOutputOctave)) {
            int continuing = UNVOICED;
            for (int j = 0; j < count; j++) {
                if (Math.abs(octave[j] - previousOutputOctave) <= CONTINUITY_OCTAVES
                        && (continuing == UNVOICED || cost[j] < cost[continuing])) {
                    continuing = j;
                }
            }
            if (continuing != UNVOICED && cost[continuing] - bestCost <= SWITCH_HYSTERESIS) {
                output = continuing;
            }
        }
        previousOutputOctave = output == UNVOICED ? Float.NaN : octave[output];
        return output;
    }

    private static float subharmonicPenalty(float[] period, float[] strength, int count, int j) {
        float rj = strength[j];
        if (rj <= 0f) {
            return 0f;
        }
        float penalty = 0f;
        for (int i = 0; i < count; i++) {
            float ratio = period[j] / period[i];
            if (ratio < 1.5f) {
                continue;
            }
            float multiple = (float) Math.floor(ratio + 0.5f);
            if (Math.abs(ratio - multiple) > MULTIPLE_TOLERANCE * multiple) {
                continue;
            }
            float relative = strength[i] / rj;
            float weight = (relative - SUBHARMONIC_RATIO_LOW) / (SUBHARMONIC_RATIO_HIGH - SUBHARMONIC_RATIO_LOW);
            penalty = Math.max(penalty, SUBHARMONIC_COST * Math.min(1f, Math.max(0f, weight)));
        }
        return penalty;
    }
}
