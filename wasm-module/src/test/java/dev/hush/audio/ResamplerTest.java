package dev.hush.audio;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {
    /** Promised: passband within ±0.1 dB up to 0.9 of the lower Nyquist frequency. */
    private static final double PASSBAND_TOLERANCE_DB = 0.1;
    /** Promised: images and aliases at least 80 dB down. */
    private static final double STOPBAND_MIN_ATTENUATION_DB = 80;
    /** Zero-phase: a tone comes out with the phase it had at the same instant, within 0.001 rad. */
    private static final double PHASE_TOLERANCE_RAD = 1e-3;
    private static final int TONE_SECONDS_DIVISOR = 4;

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100,48000", "48000,44100", "8000,48000", "48000,8000", "96000,48000", "48000,96000",
            "22050,48000", "16000,48000", "11025,48000", "32000,48000", "88200,48000", "48000,11025",
            // Coprime rates: tens of thousands of branches, taken from the interpolated kernel grid.
            "47999,48000", "48000,44101"})
    void passbandIsFlatAndPhaseIsPreserved(int from, int to) {
        Resampler r = new Resampler(from, to);
        double edgeHz = Resampler.PASSBAND_EDGE * Math.min(from, to) / 2;
        int length = from / TONE_SECONDS_DIVISOR;
        for (int k = 0; k <= 12; k++) {
            double f = k == 0 ? 50 : edgeHz * k / 12;
            double phase = 0.3 * k;
            float[] y = r.process(Signals.sine(f, 0.5, phase, from, length));
            int margin = y.length / 8;
            double[] fit = Signals.fitSine(y, margin, y.length - margin, f, to);
            double gainDb = Signals.db(fit[0] / 0.5);
            assertTrue(Math.abs(gainDb) <= PASSBAND_TOLERANCE_DB, f + " Hz: gain " + gainDb + " dB");
            double phaseError = Math.IEEEremainder(fit[1] - phase, 2 * Math.PI);
            assertTrue(Math.abs(phaseError) <= PHASE_TOLERANCE_RAD, f + " Hz: phase off by " + phaseError + " rad");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"48000,44100", "48000,8000", "96000,48000", "48000,22050", "48000,44101"})
    void downsamplingSuppressesEverythingAboveTheNewNyquist(int from, int to) {
        Resampler r = new Resampler(from, to);
        double stopHz = Resampler.STOPBAND_EDGE * to / 2;
        int length = from / TONE_SECONDS_DIVISOR;
        for (int k = 0; k <= 10; k++) {
            double f = stopHz + (from / 2.0 - stopHz) * (0.005 + 0.99 * k / 10);
            float[] y = r.process(Signals.sine(f, 0.5, 0.1, from, length));
            int margin = y.length / 8;
            double attenuationDb = -Signals.db(Signals.rms(y, margin, y.length - margin) * Math.sqrt(2) / 0.5);
            assertTrue(attenuationDb >= STOPBAND_MIN_ATTENUATION_DB, f + " Hz aliases at -" + attenuationDb + " dB");
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100,48000", "8000,48000", "48000,96000", "22050,48000", "44101,48000"})
    void upsamplingLeavesNoImages(int from, int to) {
        Resampler r = new Resampler(from, to);
        int length = from / TONE_SECONDS_DIVISOR;
        // Tones right up to the input's Nyquist frequency: their images start just above it.
        for (int k = 1; k <= 10; k++) {
            double f = from / 2.0 * (0.995 * k / 10);
            float[] y = r.process(Signals.sine(f, 0.5, 0.2, from, length));
            int margin = y.length / 8;
            double imageDb = -Signals.db(Signals.residualRms(y, margin, y.length - margin, f, to) * Math.sqrt(2) / 0.5);
            assertTrue(imageDb >= STOPBAND_MIN_ATTENUATION_DB, f + " Hz leaves images at -" + imageDb + " dB");
        }
    }

    @Test
    void roundTripThrough48kHzKeepsTonesWithinTolerance() {
        Resampler up = new Resampler(44100, 48000);
        Resampler down = new Resampler(48000, 44100);
        int length = 44100 / 2;
        for (double f : new double[]{100, 1000, 5000, 12000, 19000}) {
            float[] x = Signals.sine(f, 0.7, 1.0, 44100, length);
            float[] y = down.process(up.process(x), length, null);
            assertEquals(length, y.length);
            int margin = length / 8;
            double[] fit = Signals.fitSine(y, margin, length - margin, f, 44100);
            assertEquals(0, Signals.db(fit[0] / 0.7), 2 * PASSBAND_TOLERANCE_DB, f + " Hz amplitude");
            // Two passes, each flat and image-free to 80 dB: sample by sample the tone comes back within -80 dB of itself.
            double errorDb = Signals.db(Signals.residualRms(y, margin, length - margin, f, 44100) / 0.7);
            assertTrue(errorDb < -STOPBAND_MIN_ATTENUATION_DB, f + " Hz: residual " + errorDb + " dB");
            double maxDiff = 0;
            for (int n = margin; n < length - margin; n++) {
                maxDiff = Math.max(maxDiff, Math.abs(y[n] - x[n]));
            }
            assertTrue(maxDiff < 0.7 * 1e-4, f + " Hz: max sample error " + maxDiff);
        }
    }

    @Test
    void outputLengthsAreExact() {
        Resampler up = new Resampler(44100, 48000);
        Resampler down = new Resampler(48000, 44100);
        for (int n : new int[]{1, 2, 146, 147, 148, 441, 1000, 44101}) {
            float[] x = Signals.whiteNoise(n, 0.1, n);
            float[] y = up.process(x);
            assertEquals((n * 160L + 146) / 147, y.length, "up length for " + n);
            assertEquals(n, down.process(y, n, null).length, "back length for " + n);
        }
        assertEquals(6, new Resampler(8000, 48000).outputLength(1));
        assertEquals(1, new Resampler(96000, 48000).outputLength(1));
        assertEquals(2, new Resampler(96000, 48000).outputLength(3));
    }

    @Test
    void roundTripCrossCorrelationPeaksAtLagZero() {
        int length = 44100;
        float[] x = Signals.whiteNoise(length, 0.1, 7);
        Resampler up = new Resampler(44100, 48000);
        Resampler down = new Resampler(48000, 44100);
        float[] y = down.process(up.process(x), length, null);
        double[] peak = Signals.crossCorrelationPeak(x, y, 200);
        assertEquals(0, (int) peak[0]);
        // White noise loses only its top 5% of band (0.95..1.0 Nyquist) in the round trip.
        assertTrue(peak[1] > 0.95, "correlation " + peak[1]);
    }

    @Test
    void impulseLandsOnTheSameInstantAndStaysSymmetric() {
        Resampler up = new Resampler(44100, 48000);
        // Input sample 4410 is at 0.1 s, which is output sample 4800 exactly.
        float[] x = new float[8820];
        x[4410] = 1;
        float[] y = up.process(x);
        int peak = 0;
        for (int n = 1; n < y.length; n++) {
            if (Math.abs(y[n]) > Math.abs(y[peak])) {
                peak = n;
            }
        }
        assertEquals(4800, peak);
        for (int d = 1; d < 200; d++) {
            assertEquals(y[4800 - d], y[4800 + d], 1e-6, "asymmetry at distance " + d);
        }
    }

    @Test
    void constantInputStaysConstantAwayFromTheEdges() {
        Resampler up = new Resampler(44100, 48000);
        float[] x = new float[10000];
        java.util.Arrays.fill(x, 0.25f);
        float[] y = up.process(x);
        for (int n = 500; n < y.length - 500; n++) {
            assertEquals(0.25, y[n], 1e-6, "sample " + n);
        }
    }

    @Test
    void besselI0MatchesKnownValues() {
        // Abramowitz & Stegun table 9.8: I0(1) = 1.266065878, I0(5) = 27.23987182.
        assertEquals(1.266065878, Resampler.besselI0(1), 1e-9);
        assertEquals(27.23987182, Resampler.besselI0(5), 1e-7);
        assertEquals(1.0, Resampler.besselI0(0), 0);
    }
}
