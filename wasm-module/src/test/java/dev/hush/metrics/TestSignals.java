package dev.hush.metrics;

import java.util.Random;

/** Deterministic test signals: a speech-like source and noise. */
final class TestSignals {
    private TestSignals() {
    }

    /**
     * Voiced "syllables" at about 4 per second (as in speech, the envelope modulation STOI listens to): a harmonic
     * series on a gliding pitch with formant-like spectral weighting, separated by short gaps.
     */
    static float[] speechLike(int sampleRateHz, double seconds, long seed) {
        Random rnd = new Random(seed);
        int n = (int) (seconds * sampleRateHz);
        float[] x = new float[n];
        int pos = 0;
        while (pos < n) {
            int syllable = (int) ((0.12 + 0.15 * rnd.nextDouble()) * sampleRateHz);
            int gap = (int) ((0.03 + 0.12 * rnd.nextDouble()) * sampleRateHz);
            double f0 = 100 + 120 * rnd.nextDouble();
            double glide = (rnd.nextDouble() - 0.5) * 60;
            double formant1 = 300 + 600 * rnd.nextDouble();
            double formant2 = 900 + 1800 * rnd.nextDouble();
            double phase = 0;
            for (int i = 0; i < syllable && pos + i < n; i++) {
                double t = (double) i / syllable;
                double env = Math.sin(Math.PI * t);
                double f = f0 + glide * t;
                phase += 2 * Math.PI * f / sampleRateHz;
                double s = 0;
                for (int h = 1; h * f < Math.min(5000, sampleRateHz / 2.0); h++) {
                    double fh = h * f;
                    double w = 1.0 / (1 + Math.pow((fh - formant1) / 150, 2)) + 0.5 / (1 + Math.pow((fh - formant2) / 250, 2)) + 0.02;
                    s += w * Math.sin(h * phase);
                }
                x[pos + i] = (float) (0.1 * env * s);
            }
            pos += syllable + gap;
        }
        return x;
    }

    static float[] whiteNoise(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    static double energy(float[] x) {
        double e = 0;
        for (float v : x) {
            e += (double) v * v;
        }
        return e;
    }

    /** clean + noise scaled to the given SNR over the whole signal. */
    static float[] mix(float[] clean, float[] noise, double snrDb) {
        double g = Math.sqrt(energy(clean) / energy(noise) / Math.pow(10, snrDb / 10));
        float[] y = new float[clean.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (clean[i] + g * noise[i]);
        }
        return y;
    }
}
