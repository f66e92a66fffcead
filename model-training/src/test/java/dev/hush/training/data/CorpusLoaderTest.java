package dev.hush.training.data;

import dev.hush.training.Synth;
import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;
import dev.hush.training.eval.EvalSetManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which speakers training sees, and how often each one is drawn. */
class CorpusLoaderTest {
    private static final int RATE = 48_000;

    @TempDir
    Path cache;

    /** Speakers of {@code seconds}, one 1-s utterance per second of speech. */
    private void writeCache(Map<String, Integer> seconds) throws IOException {
        Random rnd = new Random(3);
        List<CorpusIndex.Source> sources = new ArrayList<>();
        for (Map.Entry<String, Integer> e : seconds.entrySet()) {
            List<CorpusIndex.File> files = new ArrayList<>();
            for (int i = 0; i < e.getValue(); i++) {
                String rel = "wav/" + e.getKey() + "/u" + i + ".wav";
                WavFile.writePcm16(cache.resolve(rel), Synth.phrase(RATE, 1.0, 8_000, rnd), RATE);
                files.add(new CorpusIndex.File(e.getKey() + "-u" + i, rel, 1.0, "GPL-2", null));
            }
            sources.add(new CorpusIndex.Source(e.getKey(), "speech", "test", e.getKey(), List.of("GPL-2"), files.size(),
                    files.size(), 8_000, 8_000, 0, 0, 0, 0, 0, new double[0], new double[0], files));
        }
        new CorpusIndex(CorpusIndex.VERSION, RATE, sources).write(cache);
    }

    private static EvalSetManifest holdingOut(String speaker) {
        return new EvalSetManifest("test", RATE, 1, "test", null, List.of(speaker), List.of(), List.of());
    }

    @Test
    void theVoicesAddedAfter140AreUsedOnlyWhenAskedFor() throws IOException {
        Map<String, Integer> seconds = new java.util.LinkedHashMap<>();
        seconds.put("tuxpaint-fr", 30);
        seconds.put("tuxpaint-da", 30);
        seconds.put("asterisk-it", 30);
        seconds.put("ktuberling-de", 30);
        seconds.put("ktuberling-sl", 30);
        writeCache(seconds);
        EvalSetManifest heldOut = holdingOut("tuxpaint-da");

        TrainingCorpus base = CorpusLoader.load(cache, heldOut, CorpusLoader.Split.TRAIN);
        assertEquals(List.of("tuxpaint-fr"), base.speech().stream().map(TrainingCorpus.SpeechSource::id).toList());
        assertEquals(TrainingCorpus.SpeakerDraw.UNIFORM, base.speakerDraw());

        TrainingCorpus more = CorpusLoader.load(cache, heldOut, CorpusLoader.Split.TRAIN, new CorpusLoader.Recipe(true, 0, false));
        assertEquals(List.of("tuxpaint-fr", "asterisk-it", "ktuberling-de"),
                more.speech().stream().map(TrainingCorpus.SpeechSource::id).toList(), "held-out voices and voices no list names (sl, dropped) stay out");
        assertEquals(TrainingCorpus.SpeakerDraw.SQRT_DURATION, more.speakerDraw());
    }

    @Test
    void theVoiceFloorLeavesOutOnlyTheAddedVoicesNoisyUtterances() throws IOException {
        // Each speaker: utterances u0..u39, a 0.7 s phrase and 0.3 s of pause; the odd ones with white noise about
        // 15 dB under the phrase's loud frames throughout, the even ones silent in the pause.
        Random rnd = new Random(5);
        List<CorpusIndex.Source> sources = new ArrayList<>();
        for (String id : List.of("tuxpaint-fr", "asterisk-it")) {
            List<CorpusIndex.File> files = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                float[] x = java.util.Arrays.copyOf(Synth.phrase(RATE, 0.7, 8_000, rnd), RATE);
                if (i % 2 == 1) {
                    for (int k = 0; k < x.length; k++) {
                        x[k] += (float) (0.06 * (2 * rnd.nextDouble() - 1));
                    }
                }
                String rel = "wav/" + id + "/u" + i + ".wav";
                WavFile.writePcm16(cache.resolve(rel), x, RATE);
                files.add(new CorpusIndex.File(id + "-u" + i, rel, 1.0, "GPL-2", null));
            }
            sources.add(new CorpusIndex.Source(id, "speech", "test", id, List.of("GPL-2"), files.size(),
                    files.size(), 8_000, 8_000, 0, 0, 0, 0, 0, new double[0], new double[0], files));
        }
        new CorpusIndex(CorpusIndex.VERSION, RATE, sources).write(cache);
        EvalSetManifest heldOut = holdingOut("tuxpaint-da");

        Map<String, Integer> unfiltered = utteranceCounts(CorpusLoader.load(cache, heldOut, CorpusLoader.Split.TRAIN, new CorpusLoader.Recipe(true, 0, false)));
        Map<String, Integer> filtered = utteranceCounts(CorpusLoader.load(cache, heldOut, CorpusLoader.Split.TRAIN, new CorpusLoader.Recipe(true, 25, false)));
        assertEquals(unfiltered.get("tuxpaint-fr"), filtered.get("tuxpaint-fr"), "1.4.0's voices are never filtered");
        int trainUtterances = unfiltered.get("asterisk-it");
        int cleanTrainUtterances = 0;
        for (int i = 0; i < 40; i += 2) {
            cleanTrainUtterances += CorpusLoader.isValidation("asterisk-it-u" + i) ? 0 : 1;
        }
        assertTrue(cleanTrainUtterances < trainUtterances);
        assertEquals(cleanTrainUtterances, filtered.get("asterisk-it"), "the added voice keeps exactly its clean utterances");
    }

    @Test
    void theNoiseAddedAfter140IsUsedOnlyWhenAskedForAndTheUnseenDevNoiseNever() throws IOException {
        Random rnd = new Random(4);
        List<CorpusIndex.Source> sources = new ArrayList<>();
        List<CorpusIndex.File> voice = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String rel = "wav/tuxpaint-fr/u" + i + ".wav";
            WavFile.writePcm16(cache.resolve(rel), Synth.phrase(RATE, 1.0, 8_000, rnd), RATE);
            voice.add(new CorpusIndex.File("tuxpaint-fr-u" + i, rel, 1.0, "GPL-2", null));
        }
        sources.add(new CorpusIndex.Source("tuxpaint-fr", "speech", "test", "fr", List.of("GPL-2"), voice.size(),
                voice.size(), 8_000, 8_000, 0, 0, 0, 0, 0, new double[0], new double[0], voice));
        String unseen = dev.hush.training.eval.DesignEvalSet.UNSEEN_DEV_NOISE.get(0);
        Map<String, List<String>> noiseFiles = Map.of(
                "stk-noise", List.of("rain", "river"),
                unseen.substring(0, unseen.indexOf('/')), List.of(unseen.substring(unseen.indexOf('/') + 1), "other"),
                "unlisted-noise", List.of("hiss"));
        for (Map.Entry<String, List<String>> e : noiseFiles.entrySet()) {
            List<CorpusIndex.File> files = new ArrayList<>();
            for (String name : e.getValue()) {
                String rel = "wav/" + e.getKey() + "/" + name + ".wav";
                float[] x = new float[RATE];
                for (int k = 0; k < x.length; k++) {
                    x[k] = (float) (0.1 * (2 * rnd.nextDouble() - 1));
                }
                WavFile.writePcm16(cache.resolve(rel), x, RATE);
                files.add(new CorpusIndex.File(name, rel, 1.0, "CC0", "water"));
            }
            sources.add(new CorpusIndex.Source(e.getKey(), "noise", "test", e.getKey(), List.of("CC0"), files.size(),
                    files.size(), 24_000, 24_000, 0, 0, 0, 0, 0, new double[0], new double[0], files));
        }
        new CorpusIndex(CorpusIndex.VERSION, RATE, sources).write(cache);
        EvalSetManifest heldOut = new EvalSetManifest("test", RATE, 1, "test", null, List.of(), List.of("stk-noise/river"), List.of());

        List<String> base = CorpusLoader.load(cache, heldOut, CorpusLoader.Split.TRAIN).noise().stream()
                .map(TrainingCorpus.NoiseRecording::name).toList();
        assertEquals(List.of("stk-noise/rain"), base, "1.4.0's noise minus the held-out file");
        List<String> more = CorpusLoader.load(cache, heldOut, CorpusLoader.Split.TRAIN, new CorpusLoader.Recipe(false, 0, true))
                .noise().stream().map(TrainingCorpus.NoiseRecording::name).sorted().toList();
        String added = unseen.substring(0, unseen.indexOf('/')) + "/other";
        assertEquals(List.of(added, "stk-noise/rain").stream().sorted().toList(), more,
                "the added collection without its unseen-dev file, and no unlisted collection");
    }

    private static Map<String, Integer> utteranceCounts(TrainingCorpus corpus) {
        Map<String, Integer> counts = new HashMap<>();
        for (TrainingCorpus.SpeechSource s : corpus.speech()) {
            counts.put(s.id(), s.utterances().size());
        }
        return counts;
    }

    @Test
    void uniformDrawsAreTheDrawsOf140() {
        TrainingCorpus c = Synth.corpus(RATE, 5);
        Random a = new Random(9);
        Random b = new Random(9);
        for (int i = 0; i < 100; i++) {
            assertEquals(c.speech().get(b.nextInt(c.speech().size())).id(), c.pickSpeaker(a).id());
        }
    }

    @Test
    void durationDrawsFollowTheSquareRootOfEachSpeakersLength() {
        Random rnd = new Random(2);
        List<TrainingCorpus.SpeechSource> speech = new ArrayList<>();
        int[] seconds = {1, 4, 16};
        for (int s = 0; s < seconds.length; s++) {
            List<short[]> utts = new ArrayList<>();
            for (int u = 0; u < seconds[s]; u++) {
                utts.add(TrainingCorpus.toPcm16(Synth.phrase(RATE, 1.0, 8_000, rnd)));
            }
            speech.add(new TrainingCorpus.SpeechSource("s" + seconds[s], 8_000, utts));
        }
        TrainingCorpus base = Synth.corpus(RATE, 5);
        TrainingCorpus c = new TrainingCorpus(speech, base.noise(), base.impulseResponses(),
                TrainingCorpus.SpeakerDraw.SQRT_DURATION);
        Map<String, Integer> counts = new HashMap<>();
        int draws = 70_000;
        Random r = new Random(11);
        for (int i = 0; i < draws; i++) {
            counts.merge(c.pickSpeaker(r).id(), 1, Integer::sum);
        }
        // sqrt(1) : sqrt(4) : sqrt(16) = 1 : 2 : 4, i.e. 1/7, 2/7, 4/7; binomial sd at most 0.002.
        double[] expected = {1 / 7.0, 2 / 7.0, 4 / 7.0};
        for (int s = 0; s < seconds.length; s++) {
            double share = counts.get("s" + seconds[s]) / (double) draws;
            assertEquals(expected[s], share, 0.01, "share of s" + seconds[s]);
        }
        assertTrue(counts.get("s1") > 0);
    }
}
