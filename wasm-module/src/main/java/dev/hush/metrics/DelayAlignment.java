package dev.hush.metrics;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Finds how late an estimate is against its reference (a denoiser's algorithmic delay) from the peak of their
 * cross-correlation, computed by FFT, within a bounded lag range; and shifts the estimate back.
 */
public final class DelayAlignment {
    private DelayAlignment() {
    }

    /**
     * @return lag L in [−maxLagSamples, maxLagSamples] maximising Σ reference[n]·estimate[n+L]:
     *         positive when the estimate lags behind the reference
     */
    public static int findLagSamples(float[] reference, float[] estimate, int maxLagSamples) {
        if (maxLagSamples < 0) {
            throw new IllegalArgumentException("maxLagSamples must be >= 0, got " + maxLagSamples);
        }
        if (reference.length == 0 || estimate.length == 0) {
            throw new IllegalArgumentException("delay alignment needs non-empty signals");
        }
        int maxPositive = Math.min(maxLagSamples, estimate.length - 1);
        int maxNegative = Math.min(maxLagSamples, reference.length - 1);
        // Circular correlation equals the linear one for every lag in range once the transform is at least this long.
        int n = 2;
        while (n < Math.max(reference.length, estimate.length) + Math.max(maxPositive, maxNegative) + 1) {
            n <<= 1;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < reference.length; i++) {
            a[i] = reference[i];
        }
        for (int i = 0; i < estimate.length; i++) {
            b[i] = estimate[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(a);
        fft.realForward(b);
        // conj(A)·B transforms back to r[L] = Σ a[n]·b[n+L], negative lags wrapping to the end.
        a[0] *= b[0];
        a[1] *= b[1];
        for (int k = 1; k < n / 2; k++) {
            double ar = a[2 * k];
            double ai = a[2 * k + 1];
            double br = b[2 * k];
            double bi = b[2 * k + 1];
            a[2 * k] = ar * br + ai * bi;
            a[2 * k + 1] = ar * bi - ai * br;
        }
        fft.realInverse(a, false);
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -maxNegative; lag <= maxPositive; lag++) {
            int idx = lag >= 0 ? lag : n + lag;
            double r = a[idx];
            if (r > best) {
                best = r;
                bestLag = lag;
            }
        }
        return bestLag;
    }

    /** The estimate advanced by {@code lagSamples} (delayed if negative), zero-padded, with the reference's length. */
    public static float[] shift(float[] estimate, int lagSamples, int length) {
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            int j = i + lagSamples;
            if (j >= 0 && j < estimate.length) {
                out[i] = estimate[j];
            }
        }
        return out;
    }

    /** {@link #findLagSamples} then {@link #shift} to the reference's length. */
    public static float[] align(float[] reference, float[] estimate, int maxLagSamples) {
        return shift(estimate, findLagSamples(reference, estimate, maxLagSamples), reference.length);
    }
}
