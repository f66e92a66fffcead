package dev.hush.training.data;

import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticNoiseTest {
    private static final int RATE = 48_000;

    /** Mean power spectrum (Hann, 4096-point), per bin. */
    private static double[] spectrum(float[] x) {
        int n = 4096;
        double[] p = new double[n / 2 + 1];
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] buf = new double[n];
        for (int start = 0; start + n <= x.length; start += n / 2) {
            for (int i = 0; i < n; i++) {
                buf[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
            }
            fft.realForward(buf);
            for (int k = 1; k < n / 2; k++) {
                p[k] += buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
        }
        return p;
    }

    /** Power density ratio of an octave band at lowHz to one at highHz, dB. */
    private static double bandRatioDb(double[] p, double lowHz, double highHz) {
        return 10 * Math.log10(density(p, lowHz) / density(p, highHz));
    }

    private static double density(double[] p, double f) {
        double binHz = (double) RATE / 4096;
        int a = (int) (f / binHz);
        int b = (int) (2 * f / binHz);
        double s = 0;
        for (int k = a; k < b; k++) {
            s += p[k];
        }
        return s / (b - a);
    }

    @Test
    void colouredNoisesHaveTheirSlopes() {
        Random rnd = new Random(1);
        int n = 4 * RATE;
        // 250 Hz vs 8 kHz octave: 5 octaves apart.
        double white = bandRatioDb(spectrum(SyntheticNoise.generate(SyntheticNoise.Kind.WHITE, n, RATE, rnd)), 250, 8000);
        double pink = bandRatioDb(spectrum(SyntheticNoise.generate(SyntheticNoise.Kind.PINK, n, RATE, rnd)), 250, 8000);
        double brown = bandRatioDb(spectrum(SyntheticNoise.generate(SyntheticNoise.Kind.BROWN, n, RATE, rnd)), 250, 8000);
        assertEquals(0, white, 1.0);
        assertEquals(15, pink, 2.0);
        assertEquals(30, brown, 3.0);
    }

    @Test
    void humIsMadeOfMainsHarmonics() {
        for (long seed = 1; seed <= 4; seed++) {
            float[] x = SyntheticNoise.generate(SyntheticNoise.Kind.HUM, 4 * RATE, RATE, new Random(seed));
            int n = 1 << 16;
            double binHz = (double) RATE / n;
            double[] p = new double[n / 2 + 1];
            DoubleFFT_1D fft = new DoubleFFT_1D(n);
            double[] buf = new double[n];
            for (int start = 0; start + n <= x.length; start += n / 2) {
                for (int i = 0; i < n; i++) {
                    buf[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
                }
                fft.realForward(buf);
                for (int k = 1; k < n / 2; k++) {
                    p[k] += buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
                }
            }
            double best = 0;
            for (double mains : new double[] {50, 60}) {
                double onHarmonics = 0;
                double total = 0;
                for (int k = 1; k * binHz < 1000; k++) {
                    total += p[k];
                    double h = k * binHz / mains;
                    if (Math.abs(h - Math.round(h)) * mains < 3 && Math.round(h) >= 1) {
                        onHarmonics += p[k];
                    }
                }
                best = Math.max(best, onHarmonics / total);
            }
            assertTrue(best > 0.95, "seed " + seed + ": only " + best + " of the energy below 1 kHz on mains harmonics");
        }
    }

    @Test
    void keyboardIsImpulsive() {
        float[] x = SyntheticNoise.generate(SyntheticNoise.Kind.KEYBOARD, 4 * RATE, RATE, new Random(5));
        double m2 = 0;
        double m4 = 0;
        for (float v : x) {
            m2 += (double) v * v;
            m4 += (double) v * v * v * v;
        }
        m2 /= x.length;
        m4 /= x.length;
        double kurtosis = m4 / (m2 * m2);
        assertTrue(kurtosis > 20, "kurtosis " + kurtosis + " (Gaussian noise: 3)");
    }

    @Test
    void everyKindIsFiniteAndAudible() {
        for (SyntheticNoise.Kind k : SyntheticNoise.Kind.values()) {
            float[] x = SyntheticNoise.generate(k, RATE, RATE, new Random(7));
            double e = 0;
            for (float v : x) {
                assertTrue(Float.isFinite(v), k + " produced " + v);
                e += v * v;
            }
            double rmsDb = 10 * Math.log10(e / x.length);
            assertTrue(rmsDb > -60 && rmsDb < 0, k + " at " + rmsDb + " dBFS");
        }
    }
}
