package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tracking step alone, fed hand-made candidate sets (period in samples, correlation). */
class PitchViterbiTest {
    private static final float[] PERIODS = {200f, 400f};

    /** Runs one frame with candidates 200 and 400 samples at the given correlations; returns the output period. */
    private static float step(PitchViterbi viterbi, float r200, float r400) {
        int out = viterbi.step(PERIODS, new float[]{r200, r400}, 2);
        return out == PitchViterbi.UNVOICED ? 0f : PERIODS[out];
    }

    @Test
    void aPeriodAndItsDoubleCorrelatingAlikePicksTheShorter() {
        PitchViterbi viterbi = new PitchViterbi();
        float[] longerFirst = {400f, 200f};
        for (int f = 0; f < 20; f++) {
            // the double slightly ahead, as noise may put it: a periodic signal correlates at T and 2T alike
            int out = viterbi.step(longerFirst, new float[]{0.92f, 0.9f}, 2);
            assertEquals(1, out, "frame " + f);
        }
    }

    @Test
    void oneFrameFavouringTheOtherOctaveDoesNotMoveTheTrack() {
        PitchViterbi viterbi = new PitchViterbi();
        for (int f = 0; f < 10; f++) {
            assertEquals(200f, step(viterbi, 0.9f, 0.6f));
        }
        // one frame where only the double correlates well: an octave jump would cost more than it gains
        assertEquals(200f, step(viterbi, 0.4f, 0.95f));
        for (int f = 0; f < 10; f++) {
            assertEquals(200f, step(viterbi, 0.9f, 0.6f));
        }
    }

    @Test
    void sustainedEvidenceMovesTheTrackOnceAndForAll() {
        PitchViterbi viterbi = new PitchViterbi();
        for (int f = 0; f < 10; f++) {
            assertEquals(200f, step(viterbi, 0.9f, 0.6f));
        }
        int switches = 0;
        float previous = 200f;
        for (int f = 0; f < 20; f++) {
            float out = step(viterbi, 0.3f, 0.95f);
            if (out != previous) {
                switches++;
            }
            previous = out;
        }
        assertEquals(400f, previous, "the track never followed the new period");
        assertEquals(1, switches);
    }

    @Test
    void lowCorrelationIsUnvoicedAndAnyPeriodMayStartAfterIt() {
        PitchViterbi viterbi = new PitchViterbi();
        for (int f = 0; f < 10; f++) {
            assertEquals(400f, step(viterbi, 0.2f, 0.9f));
        }
        for (int f = 0; f < 10; f++) {
            assertEquals(0f, step(viterbi, 0.1f, 0.15f), "frame " + f);
        }
        // after a pause the new voiced segment is free to start an octave away
        assertEquals(200f, step(viterbi, 0.9f, 0.3f));
    }

    @Test
    void noCandidatesIsUnvoiced() {
        PitchViterbi viterbi = new PitchViterbi();
        assertEquals(PitchViterbi.UNVOICED, viterbi.step(PERIODS, new float[2], 0));
        assertTrue(step(viterbi, 0.9f, 0.2f) == 200f);
    }
}
