package dev.hush.e2e.call;

/**
 * Short-Time Objective Intelligibility (Taal, Hendriks, Heusdens, Jensen, IEEE TASLP 2011), computed directly at
 * 48 kHz instead of resampling to 10 kHz: the same 25.6 ms Hann frames with 50 % overlap, 15 one-third-octave
 * bands from 150 Hz, 384 ms (30 frame) analysis segments, silent-frame removal 40 dB below the loudest clean
 * frame, clipping at beta = -15 dB. Inputs must be time-aligned and of the same length.
 */
final class Stoi {
    private static final int FRAME = Math.round(0.0256f * TestSignal.SAMPLE_RATE_HZ);
    private static final int HOP = FRAME / 2;
    private static final int FFT = 2048;
    private static final int BANDS = 15;
    private static final double LOWEST_CENTRE_HZ = 150;
    private static final int SEGMENT_FRAMES = 30;
    private static final double DYNAMIC_RANGE_DB = 40;
    private static final double BETA_DB = -15;

    private Stoi() {
    }

    static double of(float[] clean, float[] degraded) {
        if (clean.length != degraded.length) {
            throw new IllegalArgumentException("lengths differ: " + clean.length + " vs " + degraded.length);
        }
        double[] window = new double[FRAME];
        for (int i = 0; i < FRAME; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 1) / (FRAME + 1));
        }
        int frames = (clean.length - FRAME) / HOP + 1;
        // Silent-frame removal, judged on the clean signal.
        double[] energyDb = new double[frames];
        double maxDb = -Double.MAX_VALUE;
        for (int m = 0; m < frames; m++) {
            double e = 0;
            for (int i = 0; i < FRAME; i++) {
                double v = clean[m * HOP + i] * window[i];
                e += v * v;
            }
            energyDb[m] = 10 * Math.log10(e + 1e-20);
            maxDb = Math.max(maxDb, energyDb[m]);
        }
        int[] kept = new int[frames];
        int count = 0;
        for (int m = 0; m < frames; m++) {
            if (energyDb[m] > maxDb - DYNAMIC_RANGE_DB) {
                kept[count++] = m;
            }
        }
        if (count < SEGMENT_FRAMES) {
            throw new IllegalArgumentException("too little speech for STOI: " + count + " frames");
        }
        double[][] x = new double[count][];
        double[][] y = new double[count][];
        for (int k = 0; k < count; k++) {
            x[k] = bandMagnitudes(clean, kept[k] * HOP, window);
            y[k] = bandMagnitudes(degraded, kept[k] * HOP, window);
        }
        double clip = 1 + Math.pow(10, -BETA_DB / 20);
        double sum = 0;
        int n = 0;
        for (int m = SEGMENT_FRAMES - 1; m < count; m++) {
            for (int j = 0; j < BANDS; j++) {
                double xx = 0;
                double yy = 0;
                for (int t = m - SEGMENT_FRAMES + 1; t <= m; t++) {
                    xx += x[t][j] * x[t][j];
                    yy += y[t][j] * y[t][j];
                }
                double scale = yy > 0 ? Math.sqrt(xx / yy) : 0;
                double[] xs = new double[SEGMENT_FRAMES];
                double[] ys = new double[SEGMENT_FRAMES];
                double mx = 0;
                double my = 0;
                for (int t = 0; t < SEGMENT_FRAMES; t++) {
                    xs[t] = x[m - SEGMENT_FRAMES + 1 + t][j];
                    ys[t] = Math.min(y[m - SEGMENT_FRAMES + 1 + t][j] * scale, xs[t] * clip);
                    mx += xs[t];
                    my += ys[t];
                }
                mx /= SEGMENT_FRAMES;
                my /= SEGMENT_FRAMES;
                double sxy = 0;
                double sxx = 0;
                double syy = 0;
                for (int t = 0; t < SEGMENT_FRAMES; t++) {
                    sxy += (xs[t] - mx) * (ys[t] - my);
                    sxx += (xs[t] - mx) * (xs[t] - mx);
                    syy += (ys[t] - my) * (ys[t] - my);
                }
                sum += sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
                n++;
            }
        }
        return sum / n;
    }

    /** Magnitudes of the 15 one-third-octave bands of one windowed frame. */
    private static double[] bandMagnitudes(float[] s, int start, double[] window) {
        double[] re = new double[FFT];
        double[] im = new double[FFT];
        for (int i = 0; i < FRAME; i++) {
            re[i] = s[start + i] * window[i];
        }
        Audio.fft(re, im, false);
        double binHz = (double) TestSignal.SAMPLE_RATE_HZ / FFT;
        double[] out = new double[BANDS];
        for (int j = 0; j < BANDS; j++) {
            double centre = LOWEST_CENTRE_HZ * Math.pow(2, j / 3.0);
            int lo = (int) Math.round(centre * Math.pow(2, -1 / 6.0) / binHz);
            int hi = (int) Math.round(centre * Math.pow(2, 1 / 6.0) / binHz);
            double e = 0;
            for (int k = lo; k < hi; k++) {
                e += re[k] * re[k] + im[k] * im[k];
            }
            out[j] = Math.sqrt(e);
        }
        return out;
    }

    /** STOI of the received audio after each complete marked segment against the clean segment. */
    static double ofSegments(float[] received, java.util.List<Audio.Marker> markers, float[] cleanSegment,
            double fromSeconds, double toSeconds) {
        int a = (int) (fromSeconds * TestSignal.SAMPLE_RATE_HZ);
        int b = (int) (toSeconds * TestSignal.SAMPLE_RATE_HZ);
        java.util.List<float[]> got = new java.util.ArrayList<>();
        for (Audio.Marker mk : markers) {
            if (mk.position() + b <= received.length) {
                got.add(java.util.Arrays.copyOfRange(received, mk.position() + a, mk.position() + b));
            }
        }
        float[] x = new float[got.size() * (b - a)];
        float[] y = new float[x.length];
        for (int k = 0; k < got.size(); k++) {
            System.arraycopy(cleanSegment, a, x, k * (b - a), b - a);
            System.arraycopy(got.get(k), 0, y, k * (b - a), b - a);
        }
        return of(x, y);
    }
}
