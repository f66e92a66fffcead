package dev.hush.training.data;

import java.util.Random;

/**
 * Noise kinds a call picks up for which no real recording was found in the packages: coloured broadband noise,
 * mains hum, fans and keyboards. Each is generated at a nominal level; the mixer rescales it to the wanted SNR.
 */
public final class SyntheticNoise {
    public enum Kind {
        WHITE, PINK, BROWN, HUM, FAN, KEYBOARD;

        /** Name used in manifests and result tables. */
        public String label() {
            return "synthetic-" + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private SyntheticNoise() {
    }

    public static float[] generate(Kind kind, int samples, int sampleRateHz, Random rnd) {
        switch (kind) {
            case WHITE:
                return white(samples, rnd);
            case PINK:
                return pink(samples, rnd);
            case BROWN:
                return brown(samples, rnd);
            case HUM:
                return hum(samples, sampleRateHz, rnd);
            case FAN:
                return fan(samples, sampleRateHz, rnd);
            case KEYBOARD:
                return keyboard(samples, sampleRateHz, rnd);
            default:
                throw new IllegalArgumentException("unknown noise kind " + kind);
        }
    }

    static float[] white(int n, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.1 * rnd.nextGaussian());
        }
        return x;
    }

    /** −3 dB/octave: white noise through Paul Kellet's economy pink filter (three poles, ±0.5 dB above 10 Hz at 44.1 kHz). */
    static float[] pink(int n, Random rnd) {
        float[] x = new float[n];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = rnd.nextGaussian();
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            x[i] = (float) (0.03 * (b0 + b1 + b2 + w * 0.1848));
        }
        return x;
    }

    /** −6 dB/octave: leaky integral of white noise (the leak keeps it from drifting away below ~5 Hz). */
    static float[] brown(int n, Random rnd) {
        float[] x = new float[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s = 0.9993 * s + 0.02 * rnd.nextGaussian();
            x[i] = (float) s;
        }
        removeMean(x);
        return x;
    }

    /**
     * Mains hum: 50 or 60 Hz with odd and even harmonics up to a few kHz (rectifier buzz), random harmonic levels
     * falling with order, a slow drift of the mains frequency, and a little hiss.
     */
    static float[] hum(int n, int rate, Random rnd) {
        double mains = rnd.nextBoolean() ? 50 : 60;
        int harmonics = 5 + rnd.nextInt(40);
        double[] amp = new double[harmonics + 1];
        double[] phase = new double[harmonics + 1];
        double tilt = 0.5 + 1.5 * rnd.nextDouble();
        for (int h = 1; h <= harmonics; h++) {
            amp[h] = Math.pow(h, -tilt) * (0.3 + 0.7 * rnd.nextDouble()) * (h % 2 == 1 ? 1 : rnd.nextDouble());
            phase[h] = 2 * Math.PI * rnd.nextDouble();
        }
        double driftHz = 0.05 * rnd.nextGaussian();
        double[] cosPhase = new double[harmonics + 1];
        double[] sinPhase = new double[harmonics + 1];
        int audible = 0;
        for (int h = 1; h <= harmonics && h * mains < rate / 2.0; h++) {
            cosPhase[h] = amp[h] * Math.cos(phase[h]);
            sinPhase[h] = amp[h] * Math.sin(phase[h]);
            audible = h;
        }
        float[] x = new float[n];
        double ph = 0;
        for (int i = 0; i < n; i++) {
            double f = mains + driftHz * Math.sin(2 * Math.PI * 0.1 * i / rate);
            ph += 2 * Math.PI * f / rate;
            // sin(h·ph) and cos(h·ph) by the angle-addition recurrence: two trig calls per sample, not two per harmonic.
            double c1 = Math.cos(ph);
            double s1 = Math.sin(ph);
            double ch = c1;
            double sh = s1;
            double s = 0;
            for (int h = 1; h <= audible; h++) {
                s += sh * cosPhase[h] + ch * sinPhase[h];
                double nc = ch * c1 - sh * s1;
                sh = sh * c1 + ch * s1;
                ch = nc;
            }
            x[i] = (float) (0.1 * s + 0.0005 * rnd.nextGaussian());
        }
        return x;
    }

    /**
     * Fan: broadband turbulence shaped by a low-pass and a resonance, slow speed wobble as amplitude modulation,
     * and the blade-pass tone (rotation rate × blades) with a harmonic.
     */
    static float[] fan(int n, int rate, Random rnd) {
        float[] x = white(n, rnd);
        Biquad.lowPass(300 + 3000 * rnd.nextDouble(), 0.5 + rnd.nextDouble(), rate).process(x);
        float[] resonance = white(n, rnd);
        Biquad.bandPass(400 + 2000 * rnd.nextDouble(), 2 + 4 * rnd.nextDouble(), rate).process(resonance);
        double bladePassHz = 40 + 200 * rnd.nextDouble();
        double toneAmp = 0.02 * rnd.nextDouble();
        double wobbleHz = 0.2 + rnd.nextDouble();
        double wobbleDepth = 0.2 * rnd.nextDouble();
        double resonanceAmp = 0.5 * rnd.nextDouble();
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double am = 1 + wobbleDepth * Math.sin(2 * Math.PI * wobbleHz * t);
            double tone = toneAmp * (Math.sin(2 * Math.PI * bladePassHz * t) + 0.4 * Math.sin(4 * Math.PI * bladePassHz * t));
            x[i] = (float) (am * (x[i] + resonanceAmp * resonance[i]) + tone);
        }
        return x;
    }

    /**
     * Typing: key clicks at irregular 60–350 ms intervals with occasional longer pauses; each click is a few ms of
     * band-passed noise with an exponential decay, sometimes followed by the key's release click.
     */
    static float[] keyboard(int n, int rate, Random rnd) {
        float[] x = new float[n];
        double centerHz = 1500 + 4000 * rnd.nextDouble();
        int pos = (int) (rnd.nextDouble() * 0.2 * rate);
        while (pos < n) {
            addClick(x, pos, rate, centerHz, 0.3 + 0.7 * rnd.nextDouble(), rnd);
            if (rnd.nextDouble() < 0.6) {
                addClick(x, pos + (int) ((0.05 + 0.08 * rnd.nextDouble()) * rate), rate, centerHz * 1.3,
                        0.1 + 0.3 * rnd.nextDouble(), rnd);
            }
            double gap = 0.06 + 0.29 * rnd.nextDouble();
            if (rnd.nextDouble() < 0.1) {
                gap += 0.3 + rnd.nextDouble();
            }
            pos += (int) (gap * rate);
        }
        for (int i = 0; i < n; i++) {
            x[i] += (float) (0.0003 * rnd.nextGaussian());
        }
        return x;
    }

    private static void addClick(float[] x, int start, int rate, double centerHz, double amp, Random rnd) {
        int len = (int) ((0.005 + 0.025 * rnd.nextDouble()) * rate);
        float[] burst = new float[len];
        for (int i = 0; i < len; i++) {
            burst[i] = (float) rnd.nextGaussian();
        }
        Biquad.bandPass(centerHz * (0.7 + 0.6 * rnd.nextDouble()), 1 + 2 * rnd.nextDouble(), rate).process(burst);
        double tau = len / 4.0;
        for (int i = 0; i < len && start + i < x.length; i++) {
            if (start + i >= 0) {
                x[start + i] += (float) (amp * burst[i] * Math.exp(-i / tau));
            }
        }
    }

    static void removeMean(float[] x) {
        double m = 0;
        for (float v : x) {
            m += v;
        }
        m /= Math.max(1, x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] -= (float) m;
        }
    }
}
