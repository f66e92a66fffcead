package dev.hush.dsp;

/**
 * Low-pass by a half-band FIR and keep every second sample (2:1 decimation).
 *
 * <p>A half-band filter has every even-offset tap except the centre equal to zero, so a 15-tap filter costs five
 * multiplies per output (the centre and four symmetric pairs). Three of these in cascade take 48 kHz to 6 kHz for
 * the pitch search at about 7.5k multiplies per frame. The Hann window keeps the
 * stop band (above 0.35 of the input rate) below -43 dB, which is what stops the harmonics above the new Nyquist
 * folding onto the band the pitch search correlates.
 */
final class HalfbandDecimator {
    static final int TAPS = 15;
    /** Group delay of one stage, in input samples. */
    static final int DELAY_SAMPLES = (TAPS - 1) / 2;

    private final float centre;
    private final float tap1;
    private final float tap3;
    private final float tap5;
    private final float tap7;

    HalfbandDecimator() {
        double[] h = new double[DELAY_SAMPLES + 1];
        double sum = 0;
        for (int n = 0; n <= DELAY_SAMPLES; n++) {
            double sinc = n == 0 ? 1.0 : Math.sin(Math.PI * n / 2) / (Math.PI * n / 2);
            double hann = 0.5 + 0.5 * Math.cos(2 * Math.PI * n / (TAPS + 1));
            h[n] = 0.5 * sinc * hann;
            sum += n == 0 ? h[n] : 2 * h[n];
        }
        // unit DC gain, so correlations at every rate see the same signal level
        centre = (float) (h[0] / sum);
        tap1 = (float) (h[1] / sum);
        tap3 = (float) (h[3] / sum);
        tap5 = (float) (h[5] / sum);
        tap7 = (float) (h[7] / sum);
    }

    /**
     * out[i] = sum over k of h[k] * in[offset + 2i + k], for every i whose taps lie inside in[offset, offset+length).
     * Output i is centred on input offset + 2i + DELAY_SAMPLES.
     *
     * @return the number of output samples written
     */
    int decimate(float[] in, int offset, int length, float[] out) {
        int count = outputCount(length);
        int c = offset + DELAY_SAMPLES;
        for (int i = 0; i < count; i++, c += 2) {
            out[i] = centre * in[c]
                    + tap1 * (in[c - 1] + in[c + 1])
                    + tap3 * (in[c - 3] + in[c + 3])
                    + tap5 * (in[c - 5] + in[c + 5])
                    + tap7 * (in[c - 7] + in[c + 7]);
        }
        return count;
    }

    static int outputCount(int inputLength) {
        return inputLength < TAPS ? 0 : (inputLength - TAPS) / 2 + 1;
    }
}
