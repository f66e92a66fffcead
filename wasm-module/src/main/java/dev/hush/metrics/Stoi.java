package dev.hush.metrics;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-Time Objective Intelligibility (Taal, Hendriks, Heusdens, Jensen, IEEE TASLP 2011).
 * Correlates clean and processed one-third-octave band envelopes over 384 ms segments, after removing frames where
 * the clean signal is more than 40 dB below its loudest frame. Range about 0..1; higher is more intelligible.
 */
public final class Stoi {
    public static final int SAMPLE_RATE_HZ = 10_000;
    public static final int FRAME_SAMPLES = 256;
    public static final int HOP_SAMPLES = FRAME_SAMPLES / 2;
    public static final int FFT_SAMPLES = 512;
    public static final int BANDS = 15;
    public static final double LOWEST_CENTER_HZ = 150;
    /** Frames per short-time segment (30 × 12.8 ms = 384 ms). */
    public static final int SEGMENT_FRAMES = 30;
    /** Lower signal-to-distortion bound β, dB: processed envelopes are clipped to at most (1 + 10^(−β/20)) × clean. */
    public static final double BETA_DB = -15;
    public static final double DYNAMIC_RANGE_DB = 40;
    private static final double EPS = 1e-12;

    private static final double[] WINDOW = hann(FRAME_SAMPLES);
    private static final int[] BAND_LOW_BIN = new int[BANDS];
    private static final int[] BAND_HIGH_BIN = new int[BANDS];

    static {
        double binHz = (double) SAMPLE_RATE_HZ / FFT_SAMPLES;
        for (int j = 0; j < BANDS; j++) {
            double lo = LOWEST_CENTER_HZ * Math.pow(2, (2.0 * j - 1) / 6);
            double hi = LOWEST_CENTER_HZ * Math.pow(2, (2.0 * j + 1) / 6);
            // Edges snap to the nearest FFT bin; the band covers [low, high).
            BAND_LOW_BIN[j] = (int) Math.round(lo / binHz);
            BAND_HIGH_BIN[j] = (int) Math.round(hi / binHz);
        }
    }

    private Stoi() {
    }

    /**
     * @param clean      reference, time-aligned with {@code processed}
     * @param processed  signal under test
     * @param sampleRateHz rate of both (resampled to 10 kHz internally)
     */
    public static double compute(float[] clean, float[] processed, int sampleRateHz) {
        int n = Math.min(clean.length, processed.length);
        if (n == 0) {
            throw new IllegalArgumentException("STOI needs non-empty signals");
        }
        float[] x = java.util.Arrays.copyOf(clean, n);
        float[] y = java.util.Arrays.copyOf(processed, n);
        if (sampleRateHz != SAMPLE_RATE_HZ) {
            dev.hush.audio.Resampler r = new dev.hush.audio.Resampler(sampleRateHz, SAMPLE_RATE_HZ);
            x = r.process(x);
            y = r.process(y);
        }
        double[][] frames = removeSilentFrames(x, y);
        double[] xs = frames[0];
        double[] ys = frames[1];
        double[][] xEnv = bandEnvelopes(xs);
        double[][] yEnv = bandEnvelopes(ys);
        int m = xEnv.length;
        if (m < SEGMENT_FRAMES) {
            throw new IllegalArgumentException("STOI needs at least " + SEGMENT_FRAMES
                    + " non-silent frames (~0.4 s of speech); got " + m);
        }
        double clip = Math.pow(10, -BETA_DB / 20);
        double sum = 0;
        int count = 0;
        double[] xv = new double[SEGMENT_FRAMES];
        double[] yv = new double[SEGMENT_FRAMES];
        for (int end = SEGMENT_FRAMES; end <= m; end++) {
            for (int j = 0; j < BANDS; j++) {
                double xn = 0;
                double yn = 0;
                for (int t = 0; t < SEGMENT_FRAMES; t++) {
                    xv[t] = xEnv[end - SEGMENT_FRAMES + t][j];
                    yv[t] = yEnv[end - SEGMENT_FRAMES + t][j];
                    xn += xv[t] * xv[t];
                    yn += yv[t] * yv[t];
                }
                double alpha = Math.sqrt(xn) / (Math.sqrt(yn) + EPS);
                double xm = 0;
                double ym = 0;
                for (int t = 0; t < SEGMENT_FRAMES; t++) {
                    yv[t] = Math.min(alpha * yv[t], xv[t] * (1 + clip));
                    xm += xv[t];
                    ym += yv[t];
                }
                xm /= SEGMENT_FRAMES;
                ym /= SEGMENT_FRAMES;
                double xy = 0;
                double xx = 0;
                double yy = 0;
                for (int t = 0; t < SEGMENT_FRAMES; t++) {
                    double a = xv[t] - xm;
                    double b = yv[t] - ym;
                    xy += a * b;
                    xx += a * a;
                    yy += b * b;
                }
                sum += xy / ((Math.sqrt(xx) + EPS) * (Math.sqrt(yy) + EPS));
                count++;
            }
        }
        return sum / count;
    }

    /** Drops frames whose clean energy is more than 40 dB below the loudest, then overlap-adds the rest back. */
    static double[][] removeSilentFrames(float[] x, float[] y) {
        int frames = x.length >= FRAME_SAMPLES ? (x.length - FRAME_SAMPLES) / HOP_SAMPLES + 1 : 0;
        double[] energyDb = new double[frames];
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < frames; f++) {
            double e = 0;
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                double v = WINDOW[i] * x[f * HOP_SAMPLES + i];
                e += v * v;
            }
            energyDb[f] = 20 * Math.log10(Math.sqrt(e) + EPS);
            max = Math.max(max, energyDb[f]);
        }
        int kept = 0;
        for (int f = 0; f < frames; f++) {
            if (energyDb[f] > max - DYNAMIC_RANGE_DB) {
                kept++;
            }
        }
        int length = kept == 0 ? 0 : (kept - 1) * HOP_SAMPLES + FRAME_SAMPLES;
        double[] xs = new double[length];
        double[] ys = new double[length];
        int k = 0;
        for (int f = 0; f < frames; f++) {
            if (energyDb[f] > max - DYNAMIC_RANGE_DB) {
                for (int i = 0; i < FRAME_SAMPLES; i++) {
                    xs[k * HOP_SAMPLES + i] += WINDOW[i] * x[f * HOP_SAMPLES + i];
                    ys[k * HOP_SAMPLES + i] += WINDOW[i] * y[f * HOP_SAMPLES + i];
                }
                k++;
            }
        }
        return new double[][] {xs, ys};
    }

    /** One-third-octave band magnitudes per STFT frame, [frame][band]. */
    static double[][] bandEnvelopes(double[] s) {
        // Frame starts 0, hop, ... strictly before length - FRAME_SAMPLES, as in the reference implementation.
        int frames = s.length > FRAME_SAMPLES ? (s.length - FRAME_SAMPLES - 1) / HOP_SAMPLES + 1 : 0;
        double[][] env = new double[frames][BANDS];
        DoubleFFT_1D fft = new DoubleFFT_1D(FFT_SAMPLES);
        double[] buf = new double[FFT_SAMPLES];
        double[] power = new double[FFT_SAMPLES / 2 + 1];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(buf, 0);
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                buf[i] = WINDOW[i] * s[f * HOP_SAMPLES + i];
            }
            fft.realForward(buf);
            power[0] = buf[0] * buf[0];
            power[FFT_SAMPLES / 2] = buf[1] * buf[1];
            for (int k = 1; k < FFT_SAMPLES / 2; k++) {
                power[k] = buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
            }
            for (int j = 0; j < BANDS; j++) {
                double e = 0;
                for (int k = BAND_LOW_BIN[j]; k < BAND_HIGH_BIN[j]; k++) {
                    e += power[k];
                }
                env[f][j] = Math.sqrt(e);
            }
        }
        return env;
    }

    /** MATLAB's hanning(N): the periodic-free Hann without its zero end points. */
    private static double[] hann(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 1) / (n + 1));
        }
        return w;
    }
}
