package dev.hush.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    @Test
    void dot2IsTwoDotsToTheBit() {
        Random r = new Random(3);
        for (int n : new int[] {1, 3, 4, 7, 64, 103, 128}) {
            int stride = n + 5;
            float[] w = new float[2 * stride + 9];
            float[] x = new float[n];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                x[i] = (float) r.nextGaussian() * 1e3f;
            }
            float[] y = new float[4];
            VectorMath.dot2(w, 7, stride, x, n, y, 1);
            assertEquals(Float.floatToIntBits(VectorMath.dot(w, 7, x, n)), Float.floatToIntBits(y[1]), "first row, n " + n);
            assertEquals(Float.floatToIntBits(VectorMath.dot(w, 7 + stride, x, n)), Float.floatToIntBits(y[2]),
                    "second row, n " + n);
            assertEquals(0f, y[0]);
            assertEquals(0f, y[3]);
        }
    }
}
