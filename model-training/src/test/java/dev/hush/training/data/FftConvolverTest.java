package dev.hush.training.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FftConvolverTest {
    @Test
    void matchesDirectConvolution() {
        Random rnd = new Random(2);
        float[] x = new float[3000];
        float[] h = new float[700];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) (rnd.nextGaussian() * Math.exp(-i / 100.0));
        }
        float[] y = FftConvolver.convolve(x, h);
        assertEquals(x.length, y.length);
        for (int n = 0; n < x.length; n += 37) {
            double s = 0;
            for (int k = 0; k < h.length && k <= n; k++) {
                s += h[k] * x[n - k];
            }
            assertEquals(s, y[n], 1e-3 * (1 + Math.abs(s)), "sample " + n);
        }
    }
}
