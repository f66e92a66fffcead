package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.jtransforms.fft.FloatFFT_1D;
import org.junit.jupiter.api.Test;

/** The specialised FFT against JTransforms, the reference implementation. */
class RealFftTest {
    @Test
    void forwardMatchesJTransformsOnRandomWindows() {
        int n = PercepNet.WINDOW_SAMPLES;
        RealFft fft = new RealFft(n);
        FloatFFT_1D reference = new FloatFFT_1D(n);
        Random random = new Random(4);
        float[] re = new float[n / 2 + 1];
        float[] im = new float[n / 2 + 1];
        for (int trial = 0; trial < 20; trial++) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] packed = x.clone();
            reference.realForward(packed);
            fft.forward(x, re, im);
            // Tolerance: float rounding over log2(960) ≈ 10 stages on values of magnitude ~sqrt(960).
            double tol = 2e-4 * Math.sqrt(n);
            assertEquals(packed[0], re[0], tol);
            assertEquals(0f, im[0], tol);
            assertEquals(packed[1], re[n / 2], tol);
            assertEquals(0f, im[n / 2], tol);
            for (int k = 1; k < n / 2; k++) {
                assertEquals(packed[2 * k], re[k], tol, "re bin " + k);
                assertEquals(packed[2 * k + 1], im[k], tol, "im bin " + k);
            }
        }
    }

    @Test
    void inverseUndoesForward() {
        for (int n : new int[] {960, 480, 120, 30}) {
            RealFft fft = new RealFft(n);
            Random random = new Random(n);
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) random.nextGaussian();
            }
            float[] re = new float[n / 2 + 1];
            float[] im = new float[n / 2 + 1];
            float[] y = new float[n];
            fft.forward(x, re, im);
            fft.inverse(re, im, y);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], y[i], 1e-5, "n=" + n + " sample " + i);
            }
        }
    }

    @Test
    void sizesWithLargePrimeFactorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MixedRadixFft(7 * 4));
    }
}
