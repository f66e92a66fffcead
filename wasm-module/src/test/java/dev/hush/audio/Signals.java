package dev.hush.audio;

import java.util.Random;

/** Test signals and measurements shared by the audio and command-line tests. */
public final class Signals {
    private Signals() {
    }

    public static float[] sine(double freqHz, double amplitude, double phaseRad, int rateHz, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freqHz * i / rateHz + phaseRad));
        }
        return x;
    }

    /**
     * Speech-like test signal: voiced "syllables" (a harmonic series on a gliding 120..180 Hz pitch under a
     * 4 Hz on/off envelope) plus a little white noise. Unlike a steady tone, a denoiser is meant to keep it.
     */
    public static float[] speechLike(int rateHz, int length, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double t = (double) i / rateHz;
            double f0 = 150 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / rateHz;
            double s = 0;
            for (int h = 1; h * f0 < Math.min(4000, rateHz * 0.45); h++) {
                s += Math.sin(h * phase) / h;
            }
            double envelope = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
            x[i] = (float) (0.3 * envelope * s + 0.003 * rnd.nextGaussian());
        }
        return x;
    }

    public static float[] whiteNoise(int length, double rms, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (rms * rnd.nextGaussian());
        }
        return x;
    }

    /** Hann fade in and out over {@code fadeSamples}, so a signal starts and ends smoothly. */
    public static void fade(float[] x, int fadeSamples) {
        for (int i = 0; i < fadeSamples && i < x.length; i++) {
            double g = 0.5 - 0.5 * Math.cos(Math.PI * i / fadeSamples);
            x[i] *= (float) g;
            x[x.length - 1 - i] *= (float) g;
        }
    }

    /**
     * Least-squares fit of a·cos(ωn) + b·sin(ωn) at a known frequency over [from, to).
     *
     * @return {amplitude, phase} with x ≈ amplitude · sin(ωn + phase)
     */
    public static double[] fitSine(float[] x, int from, int to, double freqHz, int rateHz) {
        double w = 2 * Math.PI * freqHz / rateHz;
        double cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
        for (int n = from; n < to; n++) {
            double c = Math.cos(w * n);
            double s = Math.sin(w * n);
            cc += c * c;
            ss += s * s;
            cs += c * s;
            xc += x[n] * c;
            xs += x[n] * s;
        }
        double det = cc * ss - cs * cs;
        double a = (xc * ss - xs * cs) / det;
        double b = (xs * cc - xc * cs) / det;
        // a cos + b sin = A sin(wn + φ) with A cos φ = b, A sin φ = a.
        return new double[]{Math.hypot(a, b), Math.atan2(a, b)};
    }

    /** RMS over [from, to) of x minus the best-fitting sine at {@code freqHz}. */
    public static double residualRms(float[] x, int from, int to, double freqHz, int rateHz) {
        double[] fit = fitSine(x, from, to, freqHz, rateHz);
        double w = 2 * Math.PI * freqHz / rateHz;
        double e = 0;
        for (int n = from; n < to; n++) {
            double d = x[n] - fit[0] * Math.sin(w * n + fit[1]);
            e += d * d;
        }
        return Math.sqrt(e / (to - from));
    }

    public static double rms(float[] x, int from, int to) {
        double e = 0;
        for (int n = from; n < to; n++) {
            e += (double) x[n] * x[n];
        }
        return Math.sqrt(e / (to - from));
    }

    public static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** The lag in [-maxLag, maxLag] maximising the normalised cross-correlation Σ a[n]·b[n+lag]. */
    public static int bestLag(float[] a, float[] b, int maxLag) {
        return (int) crossCorrelationPeak(a, b, maxLag)[0];
    }

    /** {lag, normalised correlation at that lag}. */
    public static double[] crossCorrelationPeak(float[] a, float[] b, int maxLag) {
        double bestValue = Double.NEGATIVE_INFINITY;
        int best = 0;
        double ea = 0, eb = 0;
        for (float v : a) {
            ea += v * v;
        }
        for (float v : b) {
            eb += v * v;
        }
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double s = 0;
            int from = Math.max(0, -lag);
            int to = Math.min(a.length, b.length - lag);
            for (int n = from; n < to; n++) {
                s += a[n] * b[n + lag];
            }
            if (s > bestValue) {
                bestValue = s;
                best = lag;
            }
        }
        return new double[]{best, bestValue / Math.sqrt(ea * eb)};
    }

    public static float[] toFloat(double[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) x[i];
        }
        return y;
    }

    public static double[] toDouble(float[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }
}
