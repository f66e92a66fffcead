package dev.hush.audio;

import java.util.function.DoubleConsumer;

/**
 * Rational sample-rate converter: a Kaiser-windowed sinc low-pass evaluated in polyphase form.
 *
 * <p>The filter is designed at the lower of the two rates: flat up to {@link #PASSBAND_EDGE} of its Nyquist
 * frequency, at least {@link #DESIGN_ATTENUATION_DB} down from its Nyquist frequency on, so nothing aliases
 * into the band below that Nyquist. The kernel is centred on each output instant, so the conversion is
 * zero-phase: output sample n is the band-limited input evaluated at time n / toRate, with no delay.
 * Outside the input, the signal is taken as zero.
 */
public final class Resampler {
    /** Passband edge as a fraction of the lower rate's Nyquist frequency. */
    public static final double PASSBAND_EDGE = 0.90;
    /** Stopband edge: the lower rate's Nyquist frequency itself, so no image or alias lands below it. */
    public static final double STOPBAND_EDGE = 1.00;
    /** Kaiser design target; 10 dB above the 80 dB promised, to cover float rounding in the taps and sums. */
    public static final double DESIGN_ATTENUATION_DB = 90.0;
    private static final int PROGRESS_INTERVAL_SAMPLES = 1 << 16;
    /** Up to this many polyphase branches (every common rate pair) each tap is computed exactly. */
    private static final int EXACT_PHASES_MAX = 4096;
    private static final int KERNEL_GRID_PER_SAMPLE = 4096;

    private final int fromRateHz;
    private final int toRateHz;
    /** Output step is M/L input samples; L is also the number of polyphase branches. */
    private final int upFactor;
    private final int downFactor;
    /** Taps per branch (a multiple of 4): branch p covers input offsets -(K-1)..K around the output instant. */
    private final int tapsPerPhase;
    private final float[] phaseTaps;

    public Resampler(int fromRateHz, int toRateHz) {
        if (fromRateHz <= 0 || toRateHz <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRateHz + " -> " + toRateHz);
        }
        this.fromRateHz = fromRateHz;
        this.toRateHz = toRateHz;
        int g = gcd(fromRateHz, toRateHz);
        upFactor = toRateHz / g;
        downFactor = fromRateHz / g;

        double lowerNyquistHz = Math.min(fromRateHz, toRateHz) / 2.0;
        // Everything below in units of input samples (time) and cycles per input sample (frequency).
        double transitionWidth = (STOPBAND_EDGE - PASSBAND_EDGE) * lowerNyquistHz / fromRateHz;
        double cutoff = (STOPBAND_EDGE + PASSBAND_EDGE) / 2 * lowerNyquistHz / fromRateHz;
        double a = DESIGN_ATTENUATION_DB;
        double beta = a > 50 ? 0.1102 * (a - 8.7) : a >= 21 ? 0.5842 * Math.pow(a - 21, 0.4) + 0.07886 * (a - 21) : 0;
        // Kaiser's order estimate N = (A - 7.95) / (2.285 Δω); the kernel spans N input samples.
        double halfWidth = (a - 7.95) / (2.285 * 2 * Math.PI * transitionWidth) / 2;
        int k = (int) Math.floor(halfWidth) + 1;
        k += k & 1; // taps a multiple of 4 for the unrolled inner loop; the extra taps fall outside the window
        tapsPerPhase = 2 * k;
        phaseTaps = new float[upFactor * tapsPerPhase];
        Kernel kernel = new Kernel(cutoff, halfWidth, beta, upFactor > EXACT_PHASES_MAX ? KERNEL_GRID_PER_SAMPLE : 0);
        double[] taps = new double[tapsPerPhase];
        for (int p = 0; p < upFactor; p++) {
            double frac = (double) p / upFactor;
            double sum = 0;
            for (int m = 0; m < tapsPerPhase; m++) {
                taps[m] = kernel.at(frac + (k - 1) - m);
                sum += taps[m];
            }
            // Unit DC gain in every branch, so a constant input stays constant instead of picking up a
            // pattern repeating with the branch sequence.
            for (int m = 0; m < tapsPerPhase; m++) {
                phaseTaps[p * tapsPerPhase + m] = (float) (taps[m] / sum);
            }
        }
    }

    /**
     * The continuous windowed-sinc kernel, in input samples. Odd rate pairs (e.g. 47999 Hz) need tens of
     * thousands of branches; for those it is read from a fine grid by linear interpolation, whose error
     * (about (π / grid)² / 8 of the peak, below -110 dB) is far under the stopband.
     */
    private static final class Kernel {
        private final double cutoff;
        private final double halfWidth;
        private final double beta;
        private final double i0Beta;
        private final int gridPerSample;
        private final double[] grid;

        Kernel(double cutoff, double halfWidth, double beta, int gridPerSample) {
            this.cutoff = cutoff;
            this.halfWidth = halfWidth;
            this.beta = beta;
            this.i0Beta = besselI0(beta);
            this.gridPerSample = gridPerSample;
            if (gridPerSample > 0) {
                int points = (int) Math.ceil(halfWidth * gridPerSample) + 2;
                grid = new double[points];
                for (int i = 0; i < points; i++) {
                    grid[i] = exact((double) i / gridPerSample);
                }
            } else {
                grid = null;
            }
        }

        double at(double t) {
            if (grid == null) {
                return exact(t);
            }
            // The kernel is even: only t >= 0 is stored.
            double pos = Math.abs(t) * gridPerSample;
            int i = (int) pos;
            if (i + 1 >= grid.length) {
                return 0;
            }
            double f = pos - i;
            return grid[i] + f * (grid[i + 1] - grid[i]);
        }

        double exact(double t) {
            double r = t / halfWidth;
            if (Math.abs(r) >= 1) {
                return 0;
            }
            double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
            return 2 * cutoff * sinc(2 * cutoff * t) * window;
        }
    }

    public int fromRateHz() {
        return fromRateHz;
    }

    public int toRateHz() {
        return toRateHz;
    }

    /** Output samples that cover the whole input: ceil(inputLength · toRate / fromRate). */
    public long outputLength(long inputLength) {
        return (inputLength * upFactor + downFactor - 1) / downFactor;
    }

    public float[] process(float[] in) {
        return process(in, Math.toIntExact(outputLength(in.length)), null);
    }

    /**
     * Resamples {@code in} into exactly {@code outLength} samples; output sample n is the band-limited input
     * at time n / toRate. Converting back with {@code outLength} = the original length restores the original
     * time grid exactly.
     *
     * @param progress receives the fraction done now and then, may be null
     */
    public float[] process(float[] in, int outLength, DoubleConsumer progress) {
        if (outLength < 0) {
            throw new IllegalArgumentException("negative output length " + outLength);
        }
        float[] out = new float[outLength];
        if (outLength == 0) {
            return out;
        }
        int k = tapsPerPhase / 2;
        long lastCentre = (long) (outLength - 1) * downFactor / upFactor;
        // Zero padding on both sides keeps the inner loop free of bounds checks.
        int leftPad = k;
        long rightNeed = Math.max(0, lastCentre + k + 1 - in.length);
        float[] x = new float[Math.toIntExact(leftPad + in.length + rightNeed)];
        System.arraycopy(in, 0, x, leftPad, in.length);

        int stepWhole = downFactor / upFactor;
        int stepFrac = downFactor % upFactor;
        int centre = 0;
        int phase = 0;
        final float[] h = phaseTaps;
        final int taps = tapsPerPhase;
        for (int n = 0; n < outLength; n++) {
            // Input index of tap m is centre + 1 - k + m; in the padded array that is centre + 1 + m.
            int xBase = centre + 1;
            int hBase = phase * taps;
            // Four independent sums let the CPU overlap the multiply-adds.
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            for (int m = 0; m < taps; m += 4) {
                s0 += x[xBase + m] * h[hBase + m];
                s1 += x[xBase + m + 1] * h[hBase + m + 1];
                s2 += x[xBase + m + 2] * h[hBase + m + 2];
                s3 += x[xBase + m + 3] * h[hBase + m + 3];
            }
            out[n] = (s0 + s1) + (s2 + s3);
            centre += stepWhole;
            phase += stepFrac;
            if (phase >= upFactor) {
                phase -= upFactor;
                centre++;
            }
            if (progress != null && (n & (PROGRESS_INTERVAL_SAMPLES - 1)) == PROGRESS_INTERVAL_SAMPLES - 1) {
                progress.accept((double) n / outLength);
            }
        }
        if (progress != null) {
            progress.accept(1.0);
        }
        return out;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges fast for β ≤ 20). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int j = 1; j < 200; j++) {
            term *= q / ((double) j * j);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
