package dev.hush.dsp;

/** PLACEHOLDER (brute-force, no tracking) until the real pitch search lands; same API. */
public final class PitchSearch {
    private int period = PercepNet.PITCH_MAX_PERIOD_SAMPLES;
    private float corr;

    public void analyze(float[] x, int start, int length) {
        double e0 = 0;
        for (int n = 0; n < length; n++) {
            e0 += x[start + n] * x[start + n];
        }
        double best = 0;
        int bestLag = period;
        for (int lag = PercepNet.PITCH_MIN_PERIOD_SAMPLES; lag <= PercepNet.PITCH_MAX_PERIOD_SAMPLES; lag++) {
            double xy = 0;
            double yy = 0;
            for (int n = 0; n < length; n++) {
                float y = x[start + n - lag];
                xy += x[start + n] * y;
                yy += y * y;
            }
            double c = xy / Math.sqrt(e0 * yy + 1e-20);
            if (c > best * 1.05) {
                best = c;
                bestLag = lag;
            }
        }
        period = bestLag;
        corr = (float) Math.max(0, Math.min(1, best));
    }

    public int periodSamples() {
        return period;
    }

    public float correlation() {
        return corr;
    }

    public void reset() {
        period = PercepNet.PITCH_MAX_PERIOD_SAMPLES;
        corr = 0;
    }
}
