package dev.hush.training.corpus;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilenceTrimmerTest {
    private static final int RATE = 48_000;

    @Test
    void cutsSilenceButKeepsMargins() {
        int lead = RATE; // 1 s
        int tone = RATE / 2;
        int tail = RATE;
        float[] x = new float[lead + tone + tail];
        for (int i = 0; i < tone; i++) {
            x[lead + i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        // A faint hiss far below the threshold must not keep the silence.
        for (int i = 0; i < x.length; i++) {
            x[i] += (float) (1e-5 * Math.sin(i * 1.7));
        }
        float[] y = SilenceTrimmer.trim(x, RATE);
        int expected = tone + (int) ((SilenceTrimmer.LEAD_MARGIN_SECONDS + SilenceTrimmer.TAIL_MARGIN_SECONDS) * RATE);
        assertEquals(expected, y.length, RATE / 100.0 * 2);
        assertTrue(Math.abs(y[0]) < 1e-4 && Math.abs(y[y.length - 1]) < 1e-4, "ends must be faded");
    }

    @Test
    void silenceTrimsToNothing() {
        assertEquals(0, SilenceTrimmer.trim(new float[RATE], RATE).length);
    }
}
