package dev.hush.dsp;

/**
 * First-order DC blocker y[n] = x[n] − x[n−1] + a·y[n−1] (−3 dB near 38 Hz at 48 kHz). The pitch search sees its
 * output: a DC offset correlates equally at every lag and would make noise look periodic.
 */
final class DcBlocker {
    private static final float POLE = 0.995f;
    private float previousInput;
    private float previousOutput;

    void process(float[] in, int inOffset, float[] out, int length) {
        for (int i = 0; i < length; i++) {
            float x = in[inOffset + i];
            float y = x - previousInput + POLE * previousOutput;
            previousInput = x;
            previousOutput = y;
            out[i] = y;
        }
    }

    void reset() {
        previousInput = 0f;
        previousOutput = 0f;
    }
}
