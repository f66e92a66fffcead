package dev.hush.training.data;

import dev.hush.dsp.PercepNet;
import dev.hush.training.Synth;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixtureGeneratorTest {
    private static final int RATE = PercepNet.SAMPLE_RATE_HZ;
    private static final TrainingCorpus CORPUS = Synth.corpus(RATE, 1);

    private static MixtureGenerator.Config dryConfig() {
        MixtureGenerator.Config d = MixtureGenerator.Config.defaults(1.0);
        return new MixtureGenerator.Config(d.segmentSamples(), d.snrMinDb(), d.snrMaxDb(), d.levelCenterDbfs(),
                d.levelSpreadDb(), d.cleanOnlyProbability(), d.syntheticNoiseProbability(), 0, 0, 0,
                d.pauseMinSeconds(), d.pauseMaxSeconds(), 0, 0, 1, 1);
    }

    @Test
    void sameIndexSameExampleWhateverTheOrder() {
        MixtureGenerator a = new MixtureGenerator(CORPUS, MixtureGenerator.Config.defaults(1.0), 42);
        MixtureGenerator b = new MixtureGenerator(CORPUS, MixtureGenerator.Config.defaults(1.0), 42);
        Mixture late = a.generate(7);
        b.generate(3);
        Mixture again = b.generate(7);
        assertArrayEquals(late.noisy(), again.noisy());
        assertArrayEquals(late.clean(), again.clean());
        assertFalse(java.util.Arrays.equals(late.noisy(), a.generate(8).noisy()));
    }

    @Test
    void noiseIsAddedAtTheRequestedSnrAndLevelsStayInRange() {
        MixtureGenerator g = new MixtureGenerator(CORPUS, dryConfig(), 5);
        int checked = 0;
        for (int i = 0; i < 60; i++) {
            Mixture m = g.generate(i);
            assertEquals(RATE, m.clean().length);
            assertEquals(m.clean().length, m.noisy().length);
            double peak = 0;
            for (float v : m.noisy()) {
                peak = Math.max(peak, Math.abs(v));
            }
            assertTrue(peak <= MixtureGenerator.PEAK_LIMIT + 1e-6, "peak " + peak);
            double speech = MixtureGenerator.activeSpeechMeanSquare(m.clean());
            assertEquals(m.speechLevelDbfs(), 10 * Math.log10(speech), 0.01);
            assertTrue(m.speechLevelDbfs() <= -26 + 20 + 1e-9 && m.speechLevelDbfs() >= -46 - 30, "level " + m.speechLevelDbfs());
            if (Double.isNaN(m.snrDb())) {
                assertArrayEquals(m.clean(), m.noisy(), 0f);
                continue;
            }
            assertTrue(m.snrDb() >= -5 && m.snrDb() <= 25, "SNR " + m.snrDb());
            // Dry, no EQ: noisy - clean is exactly the scaled noise.
            float[] noise = new float[m.noisy().length];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = m.noisy()[k] - m.clean()[k];
            }
            double measured = 10 * Math.log10(speech / MixtureGenerator.meanSquareOf(noise));
            assertEquals(m.snrDb(), measured, 0.05, "example " + i);
            checked++;
        }
        assertTrue(checked > 40, "only " + checked + " noisy examples");
    }

    @Test
    void anSnrRangeKeepsEveryNoisyMixtureInsideItAndTheRestOfTheExampleAsItWas() {
        MixtureGenerator wide = new MixtureGenerator(CORPUS, dryConfig(), 5);
        MixtureGenerator narrow = new MixtureGenerator(CORPUS, dryConfig().withSnrRangeDb(-5, 10), 5);
        double wideMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 60; i++) {
            Mixture a = wide.generate(i);
            Mixture b = narrow.generate(i);
            // Same draws in the same order: only the noise's scale differs, so the clean target is the same speech,
            // at most scaled (the peak limit scales a louder mixture down, target and input alike).
            double scale = Math.sqrt(MixtureGenerator.meanSquareOf(b.clean()) / MixtureGenerator.meanSquareOf(a.clean()));
            for (int k = 0; k < a.clean().length; k++) {
                assertEquals(a.clean()[k] * scale, b.clean()[k], 1e-5, "example " + i + " sample " + k);
            }
            if (Double.isNaN(b.snrDb())) {
                assertTrue(Double.isNaN(a.snrDb()));
                continue;
            }
            assertTrue(b.snrDb() >= -5 && b.snrDb() <= 10, "SNR " + b.snrDb());
            // Uniform draw u mapped to each range: the two SNRs are the same point of their ranges.
            assertEquals((a.snrDb() + 5) / 30, (b.snrDb() + 5) / 15, 1e-9, "example " + i);
            wideMax = Math.max(wideMax, a.snrDb());
        }
        assertTrue(wideMax > 10, "the default range reaches above 10 dB: " + wideMax);
        MixtureGenerator.Config d = MixtureGenerator.Config.defaults(1.0);
        assertThrows(IllegalArgumentException.class, () -> d.withSnrRangeDb(10, 12));
        assertThrows(IllegalArgumentException.class, () -> d.withSnrRangeDb(-20, 10));
        assertThrows(IllegalArgumentException.class, () -> d.withSnrRangeDb(0, 60));
        assertThrows(IllegalArgumentException.class, () -> d.withSnrRangeDb(Double.NaN, 10));
    }

    @Test
    void aRecordingFloorSitsUnderTheSpeechInTargetAndInputAlike() {
        MixtureGenerator.Config d = dryConfig();
        // Clean speech only, so input and target must stay identical: the floor is part of the recording.
        MixtureGenerator.Config floored = new MixtureGenerator.Config(d.segmentSamples(), 0, 0, -26, 0, 1.0, 0, 0, 0, 0,
                d.pauseMinSeconds(), d.pauseMaxSeconds(), 1.0, 0, 1, 1);
        MixtureGenerator.Config bare = new MixtureGenerator.Config(d.segmentSamples(), 0, 0, -26, 0, 1.0, 0, 0, 0, 0,
                d.pauseMinSeconds(), d.pauseMaxSeconds(), 0, 0, 1, 1);
        int checked = 0;
        for (int i = 0; i < 20; i++) {
            Mixture with = new MixtureGenerator(CORPUS, floored, 21).generate(i);
            Mixture without = new MixtureGenerator(CORPUS, bare, 21).generate(i);
            assertArrayEquals(with.clean(), with.noisy(), 0f);
            // The draws before the floor are the same, so digital silence falls on the same samples.
            double pause = 0;
            int pauseSamples = 0;
            for (int k = 0; k < without.clean().length; k++) {
                if (without.clean()[k] == 0f) {
                    pause += (double) with.clean()[k] * with.clean()[k];
                    pauseSamples++;
                }
            }
            if (pauseSamples < RATE / 20) {
                continue;
            }
            double belowDb = with.speechLevelDbfs() - 10 * Math.log10(pause / pauseSamples);
            // Pink noise over a short pause scatters by a few dB around its drawn level.
            assertTrue(belowDb > MixtureGenerator.FLOOR_BELOW_SPEECH_MIN_DB - 4
                    && belowDb < MixtureGenerator.FLOOR_BELOW_SPEECH_MAX_DB + 4, "floor " + belowDb + " dB below speech");
            checked++;
        }
        assertTrue(checked >= 5, "only " + checked + " examples had a pause");
    }

    @Test
    void reportsTheSpeakersBandwidth() {
        MixtureGenerator g = new MixtureGenerator(CORPUS, MixtureGenerator.Config.defaults(0.5), 9);
        Map<String, Double> bw = new HashMap<>();
        for (TrainingCorpus.SpeechSource s : CORPUS.speech()) {
            bw.put(s.id(), s.bandwidthHz());
        }
        for (int i = 0; i < 20; i++) {
            Mixture m = g.generate(i);
            assertEquals(bw.get(m.speechSource()), m.bandwidthHz());
        }
    }

    @Test
    void sharesFollowTheConfig() {
        MixtureGenerator.Config d = MixtureGenerator.Config.defaults(0.25);
        MixtureGenerator g = new MixtureGenerator(CORPUS, d, 11);
        int cleanOnly = 0;
        int reverberant = 0;
        int synthetic = 0;
        int total = 400;
        for (int i = 0; i < total; i++) {
            Mixture m = g.generate(i);
            if (m.noise().equals("none")) {
                cleanOnly++;
            } else if (m.noise().startsWith("synthetic-")) {
                synthetic++;
            }
            if (m.impulseResponse() != null) {
                reverberant++;
            }
        }
        // Binomial: mean ± 4 standard deviations.
        assertEquals(total * d.cleanOnlyProbability(), cleanOnly, 4 * Math.sqrt(total * 0.1 * 0.9));
        assertEquals(total * d.reverbProbability(), reverberant, 4 * Math.sqrt(total * 0.4 * 0.6));
        assertTrue(synthetic > 0.2 * total && synthetic < 0.5 * total, "synthetic " + synthetic);
    }

    @Test
    void reverberationLeavesTheLateTailOutOfTheTarget() {
        MixtureGenerator.Config d = MixtureGenerator.Config.defaults(1.0);
        MixtureGenerator.Config reverbOnly = new MixtureGenerator.Config(d.segmentSamples(), 0, 0, -26, 0, 1.0, 0, 0,
                1.0, 0, 0.2, 0.3, 0, 0, 1, 1);
        Mixture m = new MixtureGenerator(CORPUS, reverbOnly, 3).generate(0);
        assertEquals("room0", m.impulseResponse());
        assertTrue(Double.isNaN(m.snrDb()));
        // Clean-only yet noisy != clean: the difference is the late reverberation, well below the speech.
        double diff = 0;
        for (int i = 0; i < m.clean().length; i++) {
            double e = m.noisy()[i] - m.clean()[i];
            diff += e * e;
        }
        double ratioDb = 10 * Math.log10(MixtureGenerator.meanSquareOf(m.clean()) * m.clean().length / diff);
        assertTrue(ratioDb > 3 && ratioDb < 40, "direct-to-late ratio " + ratioDb);
    }

    @Test
    void earlyPartEndsFiftyMillisecondsAfterTheDirectPath() {
        float[] h = new float[RATE];
        h[240] = 1;
        for (int i = 241; i < h.length; i++) {
            h[i] = (float) (0.1 * Math.exp(-(i - 240) / 4800.0));
        }
        float[] early = MixtureGenerator.earlyPart(h);
        assertEquals(240 + (int) (MixtureGenerator.EARLY_REFLECTIONS_SECONDS * RATE), early.length);
        assertEquals(1f, early[240]);
    }

    @Test
    void loopedExcerptWrapsWithoutAJump() {
        short[] src = new short[1000];
        for (int i = 0; i < src.length; i++) {
            src[i] = (short) (10000 * Math.sin(2 * Math.PI * i / 100.0));
        }
        float[] out = MixtureGenerator.loopedExcerpt(src, 5000, 900);
        double maxStep = 0;
        for (int i = 1; i < out.length; i++) {
            maxStep = Math.max(maxStep, Math.abs(out[i] - out[i - 1]));
        }
        // A pure 100-sample-period sine at 0.305 amplitude moves at most 2π·0.305/100 ≈ 0.019 per sample.
        assertTrue(maxStep < 0.025, "max step " + maxStep);
    }

    @Test
    void segmentSourceViewIsSeededByTheCaller() {
        MixtureSegmentSource src = new MixtureSegmentSource(new MixtureGenerator(CORPUS, MixtureGenerator.Config.defaults(1.0), 1));
        dev.hush.training.SegmentSource.Segment a = src.next(new java.util.Random(5), 9600);
        dev.hush.training.SegmentSource.Segment b = src.next(new java.util.Random(5), 9600);
        assertEquals(9600, a.clean().length);
        assertArrayEquals(a.noisy(), b.noisy());
        assertTrue(a.bandwidthHz() == 20_000f || a.bandwidthHz() == 7_500f, "bandwidth " + a.bandwidthHz());
    }

    @Test
    void babbleIsSeveralTrainingTalkersAtOnce() {
        MixtureGenerator.Config d = MixtureGenerator.Config.defaults(1.0);
        MixtureGenerator.Config noisyOnly = new MixtureGenerator.Config(d.segmentSamples(), 0, 0, -26, 0, 0, 0, 0, 0, 0,
                d.pauseMinSeconds(), d.pauseMaxSeconds(), 0, 0, 1, 1).withBabbleProbability(1.0);
        for (int i = 0; i < 10; i++) {
            Mixture m = new MixtureGenerator(CORPUS, noisyOnly, 5).generate(i);
            assertTrue(m.noise().matches("babble:[3-6]-talkers"), m.noise());
            double noise = 0;
            for (int k = 0; k < m.clean().length; k++) {
                double e = m.noisy()[k] - m.clean()[k];
                noise += e * e;
            }
            assertTrue(noise > 0, "babble was added");
        }
        // Off by default, so the shipped recipe's mixtures are unchanged.
        assertEquals(0, d.babbleProbability());
        assertThrows(IllegalArgumentException.class, () -> d.withBabbleProbability(1.5));
    }

    @Test
    void playedAtSpeedMovesASineByTheSpeedFactor() {
        double speed = 1.2;
        int n = RATE / 10;
        float[] x = new float[(int) Math.ceil(n * speed) + 3];
        double hz = 1000;
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(2 * Math.PI * hz * i / RATE);
        }
        float[] y = MixtureGenerator.playedAtSpeed(x, speed, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            worst = Math.max(worst, Math.abs(y[i] - Math.sin(2 * Math.PI * hz * speed * i / RATE)));
        }
        // Cubic interpolation of a 1 kHz sine at 48 kHz: error of order (ωT)^4/16 ≈ 1e-4.
        assertTrue(worst < 1e-3, "worst error " + worst);
    }

    @Test
    void speedPerturbationScalesTheBandwidthAndStaysDeterministic() {
        MixtureGenerator.Config d = dryConfig().withSpeedRatio(1.2);
        MixtureGenerator a = new MixtureGenerator(CORPUS, d, 11);
        MixtureGenerator b = new MixtureGenerator(CORPUS, d, 11);
        boolean sawOtherBandwidth = false;
        for (int i = 0; i < 20; i++) {
            Mixture m = a.generate(i);
            assertArrayEquals(m.clean(), b.generate(i).clean());
            assertEquals(d.segmentSamples(), m.clean().length);
            double bw = m.bandwidthHz();
            boolean fromFull = bw >= 20_000 / 1.2 - 1e-6 && bw <= RATE / 2.0;
            boolean fromNarrow = bw >= 7_500 / 1.2 - 1e-6 && bw <= 7_500 * 1.2 + 1e-6;
            assertTrue(fromFull || fromNarrow, "bandwidth " + bw);
            sawOtherBandwidth |= bw != 20_000 && bw != 7_500;
        }
        assertTrue(sawOtherBandwidth, "some examples were played at another speed");
        // Off by default, so the shipped recipe's mixtures are unchanged; out-of-range ratios are refused.
        assertEquals(1, MixtureGenerator.Config.defaults(1.0).speedRatio());
        assertThrows(IllegalArgumentException.class, () -> d.withSpeedRatio(0.9));
        assertThrows(IllegalArgumentException.class, () -> d.withSpeedRatio(2));
    }

    @Test
    void noiseSpeedPerturbationMovesARecordedToneWithinItsRangeAndStaysDeterministic() {
        float[] tone = new float[RATE];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.1 * Math.sin(2 * Math.PI * TONE_HZ * i / RATE));
        }
        TrainingCorpus toneCorpus = new TrainingCorpus(CORPUS.speech(),
                List.of(new TrainingCorpus.NoiseRecording("tone", "test", TrainingCorpus.toPcm16(tone))),
                CORPUS.impulseResponses());
        MixtureGenerator.Config d = dryConfig();
        // Every mixture noisy, with the recording alone: noisy − clean is the played-back tone, scaled.
        MixtureGenerator.Config asRecorded = new MixtureGenerator.Config(d.segmentSamples(), 0, 0, -26, 0, 0, 0, 0, 0,
                0, d.pauseMinSeconds(), d.pauseMaxSeconds(), 0, 0, 1, 1);
        double ratio = 1.5;
        MixtureGenerator.Config perturbed = asRecorded.withNoiseSpeedRatio(ratio);
        boolean sawOtherPitch = false;
        for (int i = 0; i < 12; i++) {
            assertEquals(TONE_HZ, noiseToneHz(new MixtureGenerator(toneCorpus, asRecorded, 4).generate(i)), 10,
                    "off: the recording as it is");
            Mixture m = new MixtureGenerator(toneCorpus, perturbed, 4).generate(i);
            assertArrayEquals(m.noisy(), new MixtureGenerator(toneCorpus, perturbed, 4).generate(i).noisy());
            double hz = noiseToneHz(m);
            assertTrue(hz >= TONE_HZ / ratio - 10 && hz <= TONE_HZ * ratio + 10, "tone at " + hz + " Hz");
            sawOtherPitch |= Math.abs(hz - TONE_HZ) > 50;
        }
        assertTrue(sawOtherPitch, "some noises were played at another speed");
        assertEquals(1, MixtureGenerator.Config.defaults(1.0).noiseSpeedRatio(), "off by default: 1.4.0's recipe");
        assertThrows(IllegalArgumentException.class, () -> d.withNoiseSpeedRatio(0.5));
        assertThrows(IllegalArgumentException.class, () -> d.withNoiseSpeedRatio(MixtureGenerator.MAX_NOISE_SPEED_RATIO + 0.1));
    }

    private static final double TONE_HZ = 1000;

    /** The frequency of the tone in noisy − clean, from its zero crossings. */
    private static double noiseToneHz(Mixture m) {
        int crossings = 0;
        float previous = m.noisy()[0] - m.clean()[0];
        for (int i = 1; i < m.noisy().length; i++) {
            float v = m.noisy()[i] - m.clean()[i];
            if ((v >= 0) != (previous >= 0)) {
                crossings++;
            }
            previous = v;
        }
        return crossings / 2.0 * RATE / m.noisy().length;
    }
}
