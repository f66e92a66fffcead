package dev.hush.dsp;

import java.util.Random;

/** Deterministic synthetic signals for DSP tests (48 kHz, full scale ±1). */
final class TestSignals {
    static final int RATE = PercepNet.SAMPLE_RATE_HZ;

    private TestSignals() {
    }

    /** Harmonics of f0 up to 8 kHz with 1/h amplitudes and random phases. */
    static float[] harmonic(double f0Hz, double seconds, double amplitude, long seed) {
        Random random = new Random(seed);
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        int harmonics = (int) (8000 / f0Hz);
        for (int h = 1; h <= harmonics; h++) {
            double phase = random.nextDouble() * 2 * Math.PI;
            double w = 2 * Math.PI * h * f0Hz / RATE;
            for (int i = 0; i < n; i++) {
                x[i] += (float) (amplitude / h * Math.sin(w * i + phase));
            }
        }
        return x;
    }

    static float[] whiteNoise(int n, double rms, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rms * random.nextGaussian());
        }
        return x;
    }

    /**
     * Speech-like test material: voiced syllables (a glottal pulse train with a gliding f0, shaped by two
     * resonant formants that move between vowels) with a syllabic envelope, separated by pauses.
     */
    static float[] speechLike(double seconds, long seed) {
        Random random = new Random(seed);
        int n = (int) (seconds * RATE);
        float[] x = new float[n];
        double[][] vowels = {{700, 1200}, {300, 2300}, {500, 900}, {400, 2000}, {600, 1700}};
        int i = RATE / 5;
        while (i < n) {
            int syllable = (int) ((0.15 + 0.2 * random.nextDouble()) * RATE);
            double f0 = 90 + 160 * random.nextDouble();
            double glide = (random.nextDouble() - 0.5) * 0.4;
            double[] v = vowels[random.nextInt(vowels.length)];
            float[] src = new float[syllable];
            double phase = 0;
            for (int k = 0; k < syllable; k++) {
                double f = f0 * (1 + glide * k / syllable);
                phase += f / RATE;
                if (phase >= 1) {
                    phase -= 1;
                    src[k] = 1f;
                }
                src[k] += (float) (0.02 * random.nextGaussian());
            }
            float[] shaped = resonate(resonate(src, v[0], 80), v[1], 120);
            for (int k = 0; k < syllable && i + k < n; k++) {
                double env = Math.sin(Math.PI * k / syllable);
                x[i + k] += (float) (env * shaped[k]);
            }
            i += syllable;
            if (random.nextDouble() < 0.35) {
                i += (int) ((0.25 + 0.3 * random.nextDouble()) * RATE);
            }
        }
        return scaleToRms(x, 0.05);
    }

    private static float[] resonate(float[] x, double hz, double bandwidthHz) {
        double r = Math.exp(-Math.PI * bandwidthHz / RATE);
        double a1 = -2 * r * Math.cos(2 * Math.PI * hz / RATE);
        double a2 = r * r;
        float[] y = new float[x.length];
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double v = (1 - r) * x[i] - a1 * y1 - a2 * y2;
            y2 = y1;
            y1 = v;
            y[i] = (float) v;
        }
        return y;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / Math.max(1, to - from));
    }

    static float[] scaleToRms(float[] x, double target) {
        double r = rms(x, 0, x.length);
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (x[i] * target / r);
        }
        return y;
    }

    static float[] add(float[] a, float[] b) {
        float[] y = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    /** Noise scaled so that clean/noise power is snrDb over the whole signal. */
    static float[] mixAtSnr(float[] clean, float[] noise, double snrDb) {
        double scale = rms(clean, 0, clean.length) / rms(noise, 0, noise.length) / Math.pow(10, snrDb / 20);
        float[] y = new float[clean.length];
        for (int i = 0; i < clean.length; i++) {
            y[i] = (float) (clean[i] + scale * noise[i]);
        }
        return y;
    }

    /** Runs a whole signal through a denoiser and returns the output shifted back by its latency (same length). */
    static float[] runAligned(Denoiser d, float[] x) {
        int hop = PercepNet.HOP_SAMPLES;
        int latency = d.latencySamples();
        int frames = (x.length + latency + hop - 1) / hop;
        float[] in = new float[frames * hop];
        System.arraycopy(x, 0, in, 0, x.length);
        float[] out = new float[frames * hop];
        for (int f = 0; f < frames; f++) {
            d.processFrame(in, f * hop, out, f * hop);
        }
        float[] aligned = new float[x.length];
        System.arraycopy(out, latency, aligned, 0, x.length);
        return aligned;
    }
}
