package dev.hush.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ErbBandsTest {
    @Test
    void thirtyFourBandsFromDcTo20kHzWithHundredHertzStepsUpTo1400() {
        int[] c = ErbBands.centerBins();
        assertEquals(34, c.length);
        assertEquals(0, c[0]);
        for (int b = 0; b <= 14; b++) {
            assertEquals(100f * b, ErbBands.centerHz(b), 1e-3, "linear band " + b);
        }
        assertEquals(20_000f, ErbBands.centerHz(33), 1e-3);
    }

    @Test
    void bandsAreAtLeastTwoBinsApartAndWidenOnTheErbScale() {
        int[] c = ErbBands.centerBins();
        for (int b = 1; b < c.length; b++) {
            assertTrue(c[b] - c[b - 1] >= 2, "spacing at band " + b);
        }
        // Above 1.4 kHz the peaks are evenly spaced in ERB-rate (within one bin of rounding).
        double step = (ErbBands.erbRate(20_000) - ErbBands.erbRate(1400)) / 19;
        for (int b = 15; b < c.length; b++) {
            double spacingErb = ErbBands.erbRate(ErbBands.centerHz(b)) - ErbBands.erbRate(ErbBands.centerHz(b - 1));
            assertEquals(step, spacingErb, 0.15 * step, "ERB spacing at band " + b);
        }
    }

    @Test
    void triangleWeightsSumToOneInEveryBinAndOverlapOnlyNeighbours() {
        for (int k = 0; k < PercepNet.BINS; k++) {
            double sum = 0;
            int nonZero = 0;
            for (int b = 0; b < PercepNet.BANDS; b++) {
                float w = ErbBands.weight(b, k);
                assertTrue(w >= 0f && w <= 1f);
                sum += w;
                nonZero += w > 0 ? 1 : 0;
            }
            assertEquals(1.0, sum, 1e-6, "bin " + k);
            assertTrue(nonZero <= 2, "bin " + k + " in " + nonZero + " bands");
        }
        int[] c = ErbBands.centerBins();
        for (int b = 0; b < PercepNet.BANDS; b++) {
            assertEquals(1f, ErbBands.weight(b, c[b]), 0f, "peak of band " + b);
        }
    }

    @Test
    void energyOfAFlatSpectrumIsTheTriangleAreaAndInterpolationIsExactForConstants() {
        float[] re = new float[PercepNet.BINS];
        float[] im = new float[PercepNet.BINS];
        java.util.Arrays.fill(re, 1f);
        float[] e = new float[PercepNet.BANDS];
        ErbBands.energy(re, im, e);
        double total = 0;
        for (float v : e) {
            total += v;
        }
        assertEquals(PercepNet.BINS, total, 1e-3, "pooling conserves energy");
        int[] c = ErbBands.centerBins();
        assertEquals((c[20] - c[19] + c[21] - c[20]) / 2.0, e[20], 1e-4, "triangle area of a middle band");

        float[] bands = new float[PercepNet.BANDS];
        java.util.Arrays.fill(bands, 0.3f);
        float[] bins = new float[PercepNet.BINS];
        ErbBands.interpolate(bands, bins);
        for (float v : bins) {
            assertEquals(0.3f, v, 1e-6f);
        }
    }
}
