package dev.hush.metrics;

/**
 * Rational-ratio sample-rate conversion by windowed-sinc interpolation (Kaiser window), with one precomputed
 * filter per output phase. The low-pass sits just below the lower of the two Nyquist frequencies.
 */
public final class Resampler {
    /** Zero crossings of the sinc on each side of the centre tap. */
    static final int HALF_ZERO_CROSSINGS = 12;
    static final double KAISER_BETA = 6.0;
    /** Cutoff as a fraction of the lower Nyquist frequency: the transition band ends before it. */
    static final double CUTOFF_FRACTION = 0.92;

    private final int up;
    private final int down;
    private final int halfTaps;
    /** [phase][tap], tap t covers input offset t - halfTaps + 1 relative to floor(n * down / up). */
    private final double[][] filters;

    public Resampler(int inputRateHz, int outputRateHz) {
        if (inputRateHz <= 0 || outputRateHz <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inputRateHz + " -> " + outputRateHz);
        }
        int g = gcd(inputRateHz, outputRateHz);
        up = outputRateHz / g;
        down = inputRateHz / g;
        // Cutoff in cycles per input sample.
        double cutoff = 0.5 * CUTOFF_FRACTION * Math.min(1.0, (double) up / down);
        halfTaps = (int) Math.ceil(HALF_ZERO_CROSSINGS / (2 * cutoff));
        filters = new double[up][2 * halfTaps];
        double i0Beta = besselI0(KAISER_BETA);
        for (int phase = 0; phase < up; phase++) {
            double frac = (double) phase / up; // output position minus floor, in input samples
            for (int t = 0; t < 2 * halfTaps; t++) {
                double dist = (t - halfTaps + 1) - frac;
                double x = dist / halfTaps;
                double w = Math.abs(x) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / i0Beta;
                double arg = 2 * cutoff * dist;
                double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                filters[phase][t] = 2 * cutoff * sinc * w;
            }
        }
    }

    /** Output length = ceil(input.length * up / down). */
    public float[] process(float[] input) {
        if (up == down) {
            return input.clone();
        }
        int outLength = (int) (((long) input.length * up + down - 1) / down);
        float[] out = new float[outLength];
        for (int n = 0; n < outLength; n++) {
            long pos = (long) n * down;
            int base = (int) (pos / up);
            int phase = (int) (pos % up);
            double[] h = filters[phase];
            int first = base - halfTaps + 1;
            double acc = 0;
            int tStart = Math.max(0, -first);
            int tEnd = Math.min(h.length, input.length - first);
            for (int t = tStart; t < tEnd; t++) {
                acc += h[t] * input[first + t];
            }
            out[n] = (float) acc;
        }
        return out;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }
}
