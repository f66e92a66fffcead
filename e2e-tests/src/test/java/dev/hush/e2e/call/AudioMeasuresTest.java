package dev.hush.e2e.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The measuring tools of the call tests, on signals whose answers are known (no browser). */
class AudioMeasuresTest {
    private static final int RATE = TestSignal.SAMPLE_RATE_HZ;

    @Test
    void markersAreFoundWhereTheyWereSentAndNotForOtherPeers() {
        TestSignal s = TestSignal.create(TestSignal.Marker.UP, 4, -35, 5);
        int offset = 12_345;
        float[] x = new float[s.noisy.length + offset];
        System.arraycopy(s.noisy, 0, x, offset, s.noisy.length);
        List<Audio.Marker> found = Audio.findMarkers(x, TestSignal.Marker.UP.template(), 0.5, (int) (1.5 * RATE));
        assertEquals(4, found.size(), found.toString());
        for (int k = 0; k < 4; k++) {
            assertEquals(offset + k * TestSignal.segmentSamples(), found.get(k).position(), 1);
        }
        double down = Audio.bestScore(x, TestSignal.Marker.DOWN.template());
        double level = Audio.bestScore(x, TestSignal.Marker.LEVEL.template());
        System.out.printf("other markers' best scores in an UP signal: DOWN %.2f, LEVEL %.2f%n", down, level);
        assertTrue(down < 0.4 && level < 0.4, "DOWN " + down + ", LEVEL " + level);
    }

    @Test
    void pauseLevelIsTheNoiseLevelAndSpeechIsLouder() {
        TestSignal s = TestSignal.create(TestSignal.Marker.UP, 4, -35, 6);
        List<Audio.Marker> marks = Audio.findMarkers(s.noisy, TestSignal.Marker.UP.template(), 0.5, (int) (1.5 * RATE));
        double pause = Audio.levelAfterMarkers(s.noisy, marks, TestSignal.PAUSE_START_SECONDS, TestSignal.PAUSE_END_SECONDS);
        double word = Audio.levelAfterMarkers(s.noisy, marks, TestSignal.WORD_START_SECONDS, TestSignal.WORD_END_SECONDS);
        assertEquals(-35, pause, 1.0, "noise RMS (plus hum 14 dB under it)");
        assertTrue(word > pause + 5, "speech " + word + " dBFS over noise " + pause);
        assertTrue(TestSignal.rms(s.clean, 0, s.clean.length) > 0);
    }

    @Test
    void delayIsFoundByCrossCorrelation() {
        float[] a = TestSignal.create(TestSignal.Marker.UP, 2, -30, 7).noisy;
        int delay = 1503;
        float[] b = new float[a.length];
        System.arraycopy(a, 0, b, delay, a.length - delay);
        assertEquals(delay, Audio.delayOf(a, b, RATE / 5));
    }

    @Test
    void stoiIsOneForTheCleanSignalAndFallsWithNoise() {
        TestSignal s = TestSignal.create(TestSignal.Marker.UP, 4, -35, 8);
        assertEquals(1.0, Stoi.of(s.clean, s.clean), 1e-9);
        Random random = new Random(9);
        float[] white = new float[s.clean.length];
        for (int i = 0; i < white.length; i++) {
            white[i] = (float) random.nextGaussian();
        }
        double previous = 1.0;
        for (double noiseDb : new double[] {-50, -35, -25, -15}) {
            float g = (float) Math.pow(10, noiseDb / 20);
            float[] y = new float[white.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = s.clean[i] + g * white[i];
            }
            double stoi = Stoi.of(s.clean, y);
            assertTrue(stoi < previous, "STOI " + stoi + " at noise " + noiseDb + " dBFS, was " + previous);
            previous = stoi;
        }
        assertTrue(previous < 0.8, "heavy noise still scores " + previous);
    }

    @Test
    void silenceRunsAndLevelCurves() {
        float[] x = new float[4800];
        java.util.Arrays.fill(x, 0.1f);
        java.util.Arrays.fill(x, 1000, 1480, 0f);
        assertEquals(480, Audio.longestSilence(x, 0, x.length));
        double[] curve = Audio.levelCurve(x, 960);
        assertEquals(5, curve.length);
        assertEquals(-20, curve[0], 1e-6);
        assertTrue(curve[1] < -20);
    }

    @Test
    void envelopeCorrelationForgivesATimingSlipButNotLostSpeech() {
        TestSignal s = TestSignal.create(TestSignal.Marker.UP, 4, -35, 10);
        float[] ref = s.cleanSegment();
        double from = TestSignal.WORD_START_SECONDS - 0.1;
        List<Audio.Marker> marks = Audio.findMarkers(s.noisy, TestSignal.Marker.UP.template(), 0.5, (int) (1.5 * RATE));
        double intact = Audio.envelopeCorrelation(s.noisy, marks, ref, from, TestSignal.PAUSE_END_SECONDS);

        // 30 ms cut out just after the second marker, as a jitter buffer shortening audio would.
        int cut = marks.get(1).position() + RATE / 5;
        float[] slipped = new float[s.noisy.length - 3 * RATE / 100];
        System.arraycopy(s.noisy, 0, slipped, 0, cut);
        System.arraycopy(s.noisy, cut + 3 * RATE / 100, slipped, cut, slipped.length - cut);
        double afterSlip = Audio.envelopeCorrelation(slipped, marks, ref, from, TestSignal.PAUSE_END_SECONDS);
        assertEquals(intact, afterSlip, 0.01, "a 30 ms slip is not damage to the speech");

        // The word of one segment lost: the correlation must show it.
        float[] damaged = s.noisy.clone();
        int word = marks.get(1).position() + (int) (TestSignal.WORD_START_SECONDS * RATE);
        java.util.Arrays.fill(damaged, word, word + (int) (0.5 * RATE), 0f);
        double afterLoss = Audio.envelopeCorrelation(damaged, marks, ref, from, TestSignal.PAUSE_END_SECONDS);
        System.out.printf("envelope correlation: intact %.3f, 30 ms slip %.3f, half a word lost %.3f%n",
                intact, afterSlip, afterLoss);
        assertTrue(afterLoss < intact - 0.05, "lost speech scored " + afterLoss + " vs intact " + intact);
    }

    @Test
    void aMarkerTimeStretchedInsideIsStillFoundWhereItStarts() {
        TestSignal s = TestSignal.create(TestSignal.Marker.UP, 3, -35, 11);
        float[] template = TestSignal.Marker.UP.template();
        int marker = TestSignal.segmentSamples();
        // A jitter buffer's "accelerate": 7 ms (about one pitch period) cut out of the marker's middle.
        int cutAt = marker + template.length / 2;
        int cut = 7 * RATE / 1000;
        float[] x = new float[s.noisy.length - cut];
        System.arraycopy(s.noisy, 0, x, 0, cutAt);
        System.arraycopy(s.noisy, cutAt + cut, x, cutAt, x.length - cutAt);
        double rigid = 0;
        double[] r = Audio.normalisedCorrelation(x, template);
        for (int i = marker - RATE / 50; i < marker + RATE / 50; i++) {
            rigid = Math.max(rigid, r[i]);
        }
        List<Audio.Marker> found = Audio.findMarkers(x, template, 0.5, (int) (1.5 * RATE));
        System.out.printf("stretched marker: rigid correlation %.2f, elastic score %s%n", rigid, found);
        assertEquals(3, found.size(), found.toString());
        assertEquals(marker, found.get(1).position(), RATE / 1000, "located within 1 ms of its start");
        assertTrue(found.get(1).score() >= 0.7, "elastic score " + found.get(1).score());
        assertTrue(Audio.bestScore(x, TestSignal.Marker.DOWN.template()) < 0.4);
    }
}
