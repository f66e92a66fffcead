package dev.hush.training.eval;

import dev.hush.metrics.PauseAttenuation;
import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;
import dev.hush.training.data.MixtureGenerator;
import dev.hush.training.data.SpeechHighPass;
import dev.hush.training.data.SyntheticNoise;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds one evaluation clip from its manifest entry and the corpus cache. */
public final class EvalClip {
    /** Pause regions stop this far from speech, so alignment errors and the phrases' own soft edges stay out. */
    public static final double PAUSE_GUARD_SECONDS = 0.030;

    /** @param pauses sample ranges where the clean signal is silent (noise only in noisy) */
    public record Built(float[] clean, float[] noisy, List<PauseAttenuation.Region> pauses) {
    }

    private final Path cacheDir;
    private final CorpusIndex index;
    private final Map<String, float[]> loaded = new HashMap<>();
    private final double speechHighPassHz;

    /** @param speechHighPassHz the manifest's {@link EvalSetManifest#speechHighPass()} (0: speech as recorded) */
    public EvalClip(Path cacheDir, CorpusIndex index, double speechHighPassHz) {
        this.cacheDir = cacheDir;
        this.index = index;
        this.speechHighPassHz = speechHighPassHz;
    }

    float[] file(String sourceId, String name) throws IOException {
        String key = sourceId + "/" + name;
        float[] x = loaded.get(key);
        if (x == null) {
            CorpusIndex.File f = null;
            for (CorpusIndex.File c : index.source(sourceId).files()) {
                if (c.name().equals(name)) {
                    f = c;
                    break;
                }
            }
            if (f == null) {
                throw new IOException("'" + name + "' is not in source " + sourceId + " of the corpus index");
            }
            x = WavFile.read(cacheDir.resolve(f.wav())).samples();
            loaded.put(key, x);
        }
        return x;
    }

    public Built build(EvalSetManifest.Clip clip, int sampleRateHz) throws IOException {
        if (clip.pausesSeconds().size() != clip.utterances().size() + 1) {
            throw new IllegalArgumentException(clip.id() + ": needs one pause more than utterances");
        }
        List<float[]> utts = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < clip.utterances().size(); i++) {
            float[] u = file(clip.speechSource(), clip.utterances().get(i)).clone();
            SpeechHighPass.apply(u, speechHighPassHz, sampleRateHz);
            utts.add(u);
            total += u.length;
        }
        int[] pauseSamples = new int[clip.pausesSeconds().size()];
        for (int i = 0; i < pauseSamples.length; i++) {
            pauseSamples[i] = (int) Math.round(clip.pausesSeconds().get(i) * sampleRateHz);
            total += pauseSamples[i];
        }
        float[] clean = new float[total];
        List<PauseAttenuation.Region> pauses = new ArrayList<>();
        int guard = (int) Math.round(PAUSE_GUARD_SECONDS * sampleRateHz);
        int pos = 0;
        for (int i = 0; i < pauseSamples.length; i++) {
            int start = i == 0 ? 0 : pos + guard;
            int end = i == pauseSamples.length - 1 ? pos + pauseSamples[i] : pos + pauseSamples[i] - guard;
            if (end > start) {
                pauses.add(new PauseAttenuation.Region(start, end));
            }
            pos += pauseSamples[i];
            if (i < utts.size()) {
                System.arraycopy(utts.get(i), 0, clean, pos, utts.get(i).length);
                pos += utts.get(i).length;
            }
        }
        double speechMs = MixtureGenerator.activeSpeechMeanSquare(clean);
        double g = Math.pow(10, clip.speechLevelDbfs() / 20) / Math.sqrt(speechMs);
        for (int i = 0; i < clean.length; i++) {
            clean[i] *= (float) g;
        }
        float[] noisy = clean.clone();
        if (!clip.cleanOnly()) {
            float[] noise = noise(clip, total, sampleRateHz);
            double noiseMs = MixtureGenerator.meanSquareOf(noise);
            double gn = Math.sqrt(speechMs * g * g / noiseMs / Math.pow(10, clip.snrDb() / 10));
            for (int i = 0; i < total; i++) {
                noisy[i] += (float) (gn * noise[i]);
            }
        }
        return new Built(clean, noisy, pauses);
    }

    private float[] noise(EvalSetManifest.Clip clip, int n, int rate) throws IOException {
        for (SyntheticNoise.Kind k : SyntheticNoise.Kind.values()) {
            if (k.label().equals(clip.noise())) {
                return SyntheticNoise.generate(k, n, rate, new Random(clip.noiseSeed()));
            }
        }
        int slash = clip.noise().indexOf('/');
        if (slash < 0) {
            throw new IOException(clip.id() + ": unknown noise '" + clip.noise() + "'");
        }
        float[] rec = file(clip.noise().substring(0, slash), clip.noise().substring(slash + 1));
        short[] pcm = new short[rec.length];
        for (int i = 0; i < rec.length; i++) {
            pcm[i] = WavFile.toPcm16(rec[i]);
        }
        return MixtureGenerator.loopedExcerpt(pcm, n, (int) Math.round(clip.noiseOffsetSeconds() * rate));
    }

    public static double rmsDbfs(float[] x) {
        return 10 * Math.log10(MixtureGenerator.meanSquareOf(x) + 1e-20);
    }
}
