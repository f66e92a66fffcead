package dev.hush.training.data;

/**
 * Second-order IIR section with the shelf and peaking designs of R. Bristow-Johnson's "Audio EQ Cookbook".
 * Used to colour speech and noise the way different microphones and rooms do.
 */
public final class Biquad {
    private final double b0;
    private final double b1;
    private final double b2;
    private final double a1;
    private final double a2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    public static Biquad peaking(double centerHz, double q, double gainDb, int sampleRateHz) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * centerHz / sampleRateHz;
        double alpha = Math.sin(w0) / (2 * q);
        double cos = Math.cos(w0);
        return new Biquad(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    /** Shelf slope S = 1 (steepest without overshoot). */
    public static Biquad lowShelf(double cornerHz, double gainDb, int sampleRateHz) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * cornerHz / sampleRateHz;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / 2 * Math.sqrt(2);
        double sq = 2 * Math.sqrt(a) * alpha;
        return new Biquad(a * ((a + 1) - (a - 1) * cos + sq), 2 * a * ((a - 1) - (a + 1) * cos),
                a * ((a + 1) - (a - 1) * cos - sq), (a + 1) + (a - 1) * cos + sq, -2 * ((a - 1) + (a + 1) * cos),
                (a + 1) + (a - 1) * cos - sq);
    }

    public static Biquad highShelf(double cornerHz, double gainDb, int sampleRateHz) {
        double a = Math.pow(10, gainDb / 40);
        double w0 = 2 * Math.PI * cornerHz / sampleRateHz;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / 2 * Math.sqrt(2);
        double sq = 2 * Math.sqrt(a) * alpha;
        return new Biquad(a * ((a + 1) + (a - 1) * cos + sq), -2 * a * ((a - 1) + (a + 1) * cos),
                a * ((a + 1) + (a - 1) * cos - sq), (a + 1) - (a - 1) * cos + sq, 2 * ((a - 1) - (a + 1) * cos),
                (a + 1) - (a - 1) * cos - sq);
    }

    public static Biquad lowPass(double cutoffHz, double q, int sampleRateHz) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRateHz;
        double alpha = Math.sin(w0) / (2 * q);
        double cos = Math.cos(w0);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad highPass(double cutoffHz, double q, int sampleRateHz) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRateHz;
        double alpha = Math.sin(w0) / (2 * q);
        double cos = Math.cos(w0);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    public static Biquad bandPass(double centerHz, double q, int sampleRateHz) {
        double w0 = 2 * Math.PI * centerHz / sampleRateHz;
        double alpha = Math.sin(w0) / (2 * q);
        double cos = Math.cos(w0);
        return new Biquad(alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Filters in place from a zero state (transposed direct form II). */
    public void process(float[] x) {
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = b0 * in + s1;
            s1 = b1 * in - a1 * out + s2;
            s2 = b2 * in - a2 * out;
            x[i] = (float) out;
        }
    }

    /** Magnitude response at {@code hz}, dB. */
    public double gainDbAt(double hz, int sampleRateHz) {
        double w = 2 * Math.PI * hz / sampleRateHz;
        double cr = Math.cos(w);
        double ci = -Math.sin(w);
        double c2r = Math.cos(2 * w);
        double c2i = -Math.sin(2 * w);
        double nr = b0 + b1 * cr + b2 * c2r;
        double ni = b1 * ci + b2 * c2i;
        double dr = 1 + a1 * cr + a2 * c2r;
        double di = a1 * ci + a2 * c2i;
        return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
    }
}
