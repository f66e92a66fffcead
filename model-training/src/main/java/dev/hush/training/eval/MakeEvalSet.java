package dev.hush.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.metrics.PauseAttenuation;
import dev.hush.training.audio.WavFile;
import dev.hush.training.corpus.CorpusIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/make-evalset}: regenerates the evaluation clips of a manifest into the cache:
 * {@code <cache>/evalset-<version>/<clip>/clean.wav, noisy.wav, pauses.json} (32-bit float WAV, 48 kHz).
 * {@code --dev}: the development set instead ({@link EvalSetManifest#dev()}). Existing clips are kept unless {@code --force}. Each rebuilt clip's noisy RMS is checked against the manifest.
 */
public final class MakeEvalSet {
    /** A rebuilt clip whose level differs from the manifest by more than this means the corpus changed. */
    public static final double RMS_TOLERANCE_DB = 0.05;

    private MakeEvalSet() {
    }

    public static Path clipsDir(Path cacheDir, EvalSetManifest m) {
        return cacheDir.resolve("evalset-" + m.version());
    }

    public static void main(String[] args) throws Exception {
        Path cache = null;
        Path manifestFile = null;
        boolean force = false;
        boolean dev = false;
        boolean unseenNoiseDev = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cache" -> cache = Path.of(args[++i]);
                case "--manifest" -> manifestFile = Path.of(args[++i]);
                case "--force" -> force = true;
                case "--dev" -> dev = true;
                case "--unseen-noise-dev" -> unseenNoiseDev = true;
                default -> {
                    System.err.println("usage: make-evalset [--cache DIR] [--manifest FILE | --dev | --unseen-noise-dev] [--force]");
                    System.exit(2);
                }
            }
        }
        if (cache == null) {
            cache = defaultCache();
        }
        try {
            EvalSetManifest m = manifestFile != null ? EvalSetManifest.read(manifestFile)
                    : unseenNoiseDev ? EvalSetManifest.unseenNoiseDev()
                    : dev ? EvalSetManifest.dev() : EvalSetManifest.current();
            make(cache, m, force);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("make-evalset: " + e.getMessage());
            System.exit(1);
        }
    }

    public static Path defaultCache() {
        String env = System.getenv("HUSH_CACHE");
        return env != null && !env.isEmpty() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache/hush/corpora");
    }

    public static Path make(Path cache, EvalSetManifest m, boolean force) throws IOException {
        CorpusIndex index = CorpusIndex.read(cache);
        EvalClip builder = new EvalClip(cache, index, m.speechHighPass());
        Path out = clipsDir(cache, m);
        Files.createDirectories(out);
        int built = 0;
        double seconds = 0;
        for (EvalSetManifest.Clip clip : m.clips()) {
            Path dir = out.resolve(clip.id());
            if (!force && Files.exists(dir.resolve("noisy.wav")) && Files.exists(dir.resolve("clean.wav"))
                    && Files.exists(dir.resolve("pauses.json"))) {
                continue;
            }
            EvalClip.Built b = builder.build(clip, m.sampleRateHz());
            double rms = EvalClip.rmsDbfs(b.noisy());
            if (clip.noisyRmsDbfs() != null && Math.abs(rms - clip.noisyRmsDbfs()) > RMS_TOLERANCE_DB) {
                throw new IOException(String.format(Locale.ROOT,
                        "%s: noisy RMS %.3f dBFS, manifest says %.3f: the corpus cache differs from the one the "
                                + "manifest was made from (different package or ffmpeg version?)",
                        clip.id(), rms, clip.noisyRmsDbfs()));
            }
            Files.createDirectories(dir);
            WavFile.writeFloat(dir.resolve("clean.wav"), b.clean(), m.sampleRateHz());
            WavFile.writeFloat(dir.resolve("noisy.wav"), b.noisy(), m.sampleRateHz());
            writePauses(dir.resolve("pauses.json"), b.pauses(), m.sampleRateHz());
            built++;
            seconds += (double) b.clean().length / m.sampleRateHz();
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.resolve("manifest.json").toFile(), m);
        System.err.printf(Locale.ROOT, "make-evalset: %d clip(s) built (%.0f s of audio), %d already there, in %s%n",
                built, seconds, m.clips().size() - built, out);
        return out;
    }

    static void writePauses(Path file, List<PauseAttenuation.Region> pauses, int rate) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sampleRateHz", rate);
        List<int[]> regions = new ArrayList<>();
        for (PauseAttenuation.Region r : pauses) {
            regions.add(new int[] {r.start(), r.end()});
        }
        json.put("regions", regions);
        new ObjectMapper().writeValue(file.toFile(), json);
    }

    public static List<PauseAttenuation.Region> readPauses(Path file) throws IOException {
        Map<?, ?> json = new ObjectMapper().readValue(file.toFile(), Map.class);
        List<PauseAttenuation.Region> out = new ArrayList<>();
        for (Object o : (List<?>) json.get("regions")) {
            List<?> r = (List<?>) o;
            out.add(new PauseAttenuation.Region(((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue()));
        }
        return out;
    }
}
