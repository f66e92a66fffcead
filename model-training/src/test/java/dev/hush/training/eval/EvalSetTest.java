package dev.hush.training.eval;

import dev.hush.metrics.PauseAttenuation;
import dev.hush.training.Synth;
import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Designs, builds and scores an evaluation set over a tiny synthesized corpus cache. */
class EvalSetTest {
    private static final int RATE = 48_000;

    @TempDir
    static Path cache;
    static CorpusIndex index;
    static EvalSetManifest manifest;
    static Path clips;

    @BeforeAll
    static void makeCache() throws IOException {
        Random rnd = new Random(4);
        List<CorpusIndex.Source> sources = new ArrayList<>();
        for (String spk : List.of("spk-a", "spk-b")) {
            List<CorpusIndex.File> files = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                float[] x = Synth.phrase(RATE, 0.8 + rnd.nextDouble(), 12_000, rnd);
                String rel = "wav/" + spk + "/u" + i + ".wav";
                WavFile.writePcm16(cache.resolve(rel), x, RATE);
                files.add(new CorpusIndex.File("u" + i, rel, (double) x.length / RATE, "GPL-2", null));
            }
            sources.add(new CorpusIndex.Source(spk, "speech", "test", spk, List.of("GPL-2"), files.size(), 0, 12_000,
                    12_000, 0, 0, 0, 0, 0, new double[0], new double[0], files));
        }
        float[] noise = new float[3 * RATE];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.1 * rnd.nextGaussian());
        }
        WavFile.writePcm16(cache.resolve("wav/noise/hiss.wav"), noise, RATE);
        sources.add(new CorpusIndex.Source("noise", "noise", "test", "hiss", List.of("CC0"), 1, 3, 24_000, 24_000, 0, 0, 0, 0, 0,
                new double[0], new double[0], List.of(new CorpusIndex.File("hiss", "wav/noise/hiss.wav", 3.0, "CC0", "hiss"))));
        index = new CorpusIndex(CorpusIndex.VERSION, RATE, sources);
        index.write(cache);
        EvalSetManifest draft = DesignEvalSet.design(index, 77, List.of("spk-a", "spk-b"), List.of("noise/hiss"));
        manifest = DesignEvalSet.withLevels(draft, new EvalClip(cache, index, draft.speechHighPass()));
        clips = MakeEvalSet.make(cache, manifest, false);
    }

    @Test
    void designIsDeterministicAndCoversTheGrid() {
        EvalSetManifest again = DesignEvalSet.design(index, 77, List.of("spk-a", "spk-b"), List.of("noise/hiss"));
        assertEquals(again.clips().size(), manifest.clips().size());
        for (int i = 0; i < again.clips().size(); i++) {
            assertEquals(again.clips().get(i).utterances(), manifest.clips().get(i).utterances());
        }
        int conditions = 1 + DesignEvalSet.SYNTHETIC.size();
        assertEquals(conditions * DesignEvalSet.SNRS_DB.length + DesignEvalSet.CLEAN_ONLY_CLIPS, manifest.clips().size());
        Set<String> ids = new HashSet<>();
        for (EvalSetManifest.Clip c : manifest.clips()) {
            assertTrue(ids.add(c.id()), "duplicate id " + c.id());
            assertEquals(c.utterances().size() + 1, c.pausesSeconds().size());
            assertEquals(c.utterances().size(), new HashSet<>(c.utterances()).size(), "phrase reused within " + c.id());
        }
    }

    @Test
    void clipsHaveTheirLengthSnrAndSilentPauses() throws IOException {
        for (EvalSetManifest.Clip c : manifest.clips()) {
            Path dir = clips.resolve(c.id());
            float[] clean = WavFile.read(dir.resolve("clean.wav")).samples();
            float[] noisy = WavFile.read(dir.resolve("noisy.wav")).samples();
            double seconds = (double) clean.length / RATE;
            assertTrue(seconds >= DesignEvalSet.MIN_CLIP_SECONDS && seconds <= DesignEvalSet.MAX_CLIP_SECONDS,
                    c.id() + " lasts " + seconds + " s");
            List<PauseAttenuation.Region> pauses = MakeEvalSet.readPauses(dir.resolve("pauses.json"));
            assertEquals(c.utterances().size() + 1, pauses.size());
            for (PauseAttenuation.Region r : pauses) {
                for (int i = r.start(); i < r.end(); i++) {
                    assertEquals(0f, clean[i], c.id() + " clean not silent at " + i);
                }
            }
            double speech = dev.hush.training.data.MixtureGenerator.activeSpeechMeanSquare(clean);
            assertEquals(c.speechLevelDbfs(), 10 * Math.log10(speech), 0.01);
            if (c.cleanOnly()) {
                assertEquals(0.0, EvalClip.rmsDbfs(clean) - EvalClip.rmsDbfs(noisy), 1e-6);
            } else {
                float[] n = new float[clean.length];
                for (int i = 0; i < n.length; i++) {
                    n[i] = noisy[i] - clean[i];
                }
                assertEquals(c.snrDb(), 10 * Math.log10(speech / dev.hush.training.data.MixtureGenerator.meanSquareOf(n)), 0.01);
            }
        }
    }

    @Test
    void aChangedCorpusIsNoticed() throws IOException {
        EvalSetManifest.Clip c = manifest.clips().get(0);
        EvalSetManifest.Clip wrong = new EvalSetManifest.Clip(c.id(), c.speechSource(), c.utterances(), c.pausesSeconds(),
                c.noise(), c.noiseKind(), c.noiseSeed(), c.noiseOffsetSeconds(), c.snrDb(), c.speechLevelDbfs(),
                c.noisyRmsDbfs() + 1.0);
        EvalSetManifest m = new EvalSetManifest("vtest", RATE, 1, "", manifest.speechHighPassHz(), manifest.heldOutSpeech(), manifest.heldOutNoise(), List.of(wrong));
        IOException e = assertThrows(IOException.class, () -> MakeEvalSet.make(cache, m, true));
        assertTrue(e.getMessage().contains("corpus cache differs"), e.getMessage());
    }

    @Test
    void identityScoresZeroDropAndOracleScoresWell() throws IOException {
        // A few noisy clips and the clean-only ones keep the test quick.
        List<EvalSetManifest.Clip> some = new ArrayList<>(manifest.clips().subList(0, 4));
        some.addAll(manifest.clips().subList(manifest.clips().size() - 2, manifest.clips().size()));
        EvalSetManifest m = new EvalSetManifest(manifest.version(), RATE, manifest.seed(), "", manifest.speechHighPassHz(), manifest.heldOutSpeech(),
                manifest.heldOutNoise(), some);
        Evaluate.DenoiserResult identity = Evaluate.score(Evaluate.identity(), m, clips, 100);
        for (Evaluate.ClipScore s : identity.clips()) {
            assertEquals(0, s.lagSamples());
            assertEquals(s.siSdrInputDb(), s.siSdrDb(), 1e-9);
            if (s.snrDb() != null) {
                assertEquals(0.0, s.pauseDropDb(), 1e-9);
            } else {
                assertNull(s.pauseDropDb());
            }
        }
        // The oracle: clean speech, 10 ms late (as a real denoiser would be), a little noise left at -30 dB in pauses.
        Path oracleDir = cache.resolve("oracle");
        Files.createDirectories(oracleDir);
        int delay = 480;
        for (EvalSetManifest.Clip c : m.clips()) {
            float[] clean = WavFile.read(clips.resolve(c.id()).resolve("clean.wav")).samples();
            float[] noisy = WavFile.read(clips.resolve(c.id()).resolve("noisy.wav")).samples();
            float[] out = new float[clean.length + delay];
            for (int i = 0; i < clean.length; i++) {
                out[i + delay] = clean[i] + 0.0316f * (noisy[i] - clean[i]);
            }
            WavFile.writeFloat(oracleDir.resolve(c.id() + ".wav"), out, RATE);
        }
        Evaluate.DenoiserResult oracle = Evaluate.score(Evaluate.parse("oracle=" + oracleDir, cache), m, clips, 100);
        for (Evaluate.ClipScore s : oracle.clips()) {
            assertEquals(delay, s.lagSamples(), s.clip());
            if (s.snrDb() != null) {
                assertEquals(30.0, s.pauseDropDb(), 0.1, s.clip());
                assertTrue(s.siSdrDb() > s.siSdrInputDb() + 20, s.clip() + " " + s.siSdrDb());
                assertTrue(s.stoi() > 0.98, s.clip() + " STOI " + s.stoi());
            }
        }
        Evaluate.Summary all = oracle.summaries().get(0);
        assertEquals("all noisy", all.group());
        assertEquals(10.0, all.meanLagMs(), 1e-9);
        String table = Evaluate.markdown(List.of(identity, oracle));
        assertTrue(table.contains("| all noisy | oracle |"), table);
        assertNotNull(Evaluate.markdown(List.of()));
    }

    @Test
    void commandDenoiserRunsPerClip() throws IOException {
        Evaluate.Denoiser copy = Evaluate.parse("copy=cmd:cp {in} {out}", cache.resolve("outs"));
        EvalSetManifest few = new EvalSetManifest(manifest.version(), RATE, manifest.seed(), "", manifest.speechHighPassHz(), manifest.heldOutSpeech(),
                manifest.heldOutNoise(), manifest.clips().subList(0, 2));
        Evaluate.DenoiserResult r = Evaluate.score(copy, few, clips, 100);
        assertEquals(2, r.clips().size());
        assertEquals(0.0, r.clips().get(0).pauseDropDb(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Evaluate.parse("bad=cmd:cp x y", cache));
        assertThrows(IllegalArgumentException.class, () -> Evaluate.parse("nodir=" + cache.resolve("missing"), cache));
    }
}
