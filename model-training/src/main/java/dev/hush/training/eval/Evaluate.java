package dev.hush.training.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.metrics.DelayAlignment;
import dev.hush.metrics.PauseAttenuation;
import dev.hush.audio.Resampler;
import dev.hush.metrics.SiSdr;
import dev.hush.metrics.Stoi;
import dev.hush.training.audio.WavFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code bin/evaluate}: scores denoisers on the evaluation set. Every output is first delay-aligned to the noisy
 * input (bounded FFT cross-correlation), then scored against the clean reference: SI-SDR, its improvement over the
 * input, STOI, and the level drop in speech pauses. The noisy input itself is always scored as "noisy" (identity).
 *
 * <pre>
 * evaluate [--cache DIR] [--manifest FILE | --dev | --unseen-noise-dev] [--json OUT.json] [--max-lag-ms 100]
 *          [--denoiser NAME=DIR]...          outputs DIR/&lt;clip id&gt;.wav, made beforehand
 *          [--denoiser 'NAME=cmd:COMMAND']... COMMAND run per clip, {in} and {out} replaced by WAV paths
 * </pre>
 * {@code --dev} scores the development set ({@link EvalSetManifest#dev()}) instead: what tuning decisions are
 * made on, so the evaluation set stays a measurement.
 */
public final class Evaluate {
    public static final double DEFAULT_MAX_LAG_MS = 100;
    /** SI-SDR of an exact copy is +∞ (clean-only clips through a pass-through): report this instead. */
    public static final double SI_SDR_CAP_DB = 100;

    /** Scores of one denoiser on one clip; null where a metric does not apply (pause drop on clean-only clips). */
    public record ClipScore(String clip, String noiseKind, Double snrDb, int lagSamples, double siSdrDb,
                            double siSdrInputDb, double stoi, Double pauseDropDb) {
    }

    /** Means over a group of clips. */
    /** @param siSdrImprovementDb null for clean-only groups (the input's SI-SDR is unbounded there) */
    public record Summary(String group, int clips, double siSdrDb, Double siSdrImprovementDb, double stoi,
                          Double pauseDropDb, double meanLagMs) {
    }

    public record DenoiserResult(String name, List<ClipScore> clips, List<Summary> summaries) {
    }

    /** A way to get a denoiser's output for a clip. */
    interface Denoiser {
        String name();

        /** @return the output WAV for this clip */
        Path output(String clipId, Path noisyWav) throws IOException;
    }

    private Evaluate() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = MakeEvalSet.defaultCache();
        Path manifestFile = null;
        boolean dev = false;
        boolean unseenNoiseDev = false;
        Path json = null;
        double maxLagMs = DEFAULT_MAX_LAG_MS;
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--dev")) {
                dev = true;
                continue;
            }
            if (a.equals("--unseen-noise-dev")) {
                unseenNoiseDev = true;
                continue;
            }
            if (i + 1 >= args.length) {
                usage("missing value after " + a);
            }
            switch (a) {
                case "--cache" -> cache = Path.of(args[++i]);
                case "--manifest" -> manifestFile = Path.of(args[++i]);
                case "--json" -> json = Path.of(args[++i]);
                case "--max-lag-ms" -> maxLagMs = Double.parseDouble(args[++i]);
                case "--denoiser" -> specs.add(args[++i]);
                default -> usage("unknown argument " + a);
            }
        }
        try {
            EvalSetManifest m = manifestFile != null ? EvalSetManifest.read(manifestFile)
                    : unseenNoiseDev ? EvalSetManifest.unseenNoiseDev()
                    : dev ? EvalSetManifest.dev() : EvalSetManifest.current();
            Path clips = MakeEvalSet.make(cache, m, false);
            List<Denoiser> denoisers = new ArrayList<>();
            denoisers.add(identity());
            for (String spec : specs) {
                denoisers.add(parse(spec, cache.resolve("eval-outputs").resolve(m.version())));
            }
            List<DenoiserResult> results = new ArrayList<>();
            for (Denoiser d : denoisers) {
                System.err.println("evaluate: scoring " + d.name());
                results.add(score(d, m, clips, maxLagMs));
            }
            System.out.print(markdown(results));
            if (json != null) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("evalset", m.version());
                out.put("maxLagMs", maxLagMs);
                out.put("denoisers", results);
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), out);
                System.err.println("evaluate: wrote " + json);
            }
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("evaluate: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage(String why) {
        System.err.println("evaluate: " + why + "\nusage: evaluate [--cache DIR] [--manifest FILE | --dev | --unseen-noise-dev] [--json OUT] "
                + "[--max-lag-ms MS] [--denoiser NAME=DIR | --denoiser 'NAME=cmd:COMMAND with {in} {out}']...");
        System.exit(2);
    }

    static Denoiser identity() {
        return new Denoiser() {
            public String name() {
                return "noisy";
            }

            public Path output(String clipId, Path noisyWav) {
                return noisyWav;
            }
        };
    }

    static Denoiser parse(String spec, Path outputsRoot) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("denoiser spec must be NAME=DIR or NAME=cmd:COMMAND, got '" + spec + "'");
        }
        String name = spec.substring(0, eq);
        String what = spec.substring(eq + 1);
        if (what.startsWith("cmd:")) {
            String command = what.substring(4);
            if (!command.contains("{in}") || !command.contains("{out}")) {
                throw new IllegalArgumentException("denoiser command must contain {in} and {out}: " + command);
            }
            Path dir = outputsRoot.resolve(name);
            return new Denoiser() {
                public String name() {
                    return name;
                }

                public Path output(String clipId, Path noisyWav) throws IOException {
                    Path out = dir.resolve(clipId + ".wav");
                    Files.createDirectories(dir);
                    String cmd = command.replace("{in}", quote(noisyWav.toString())).replace("{out}", quote(out.toString()));
                    Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
                    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    try {
                        if (p.waitFor() != 0 || !Files.exists(out)) {
                            throw new IOException("denoiser " + name + " failed on " + clipId + ": " + log.trim());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    return out;
                }
            };
        }
        Path dir = Path.of(what);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("denoiser " + name + ": no directory " + dir);
        }
        return new Denoiser() {
            public String name() {
                return name;
            }

            public Path output(String clipId, Path noisyWav) throws IOException {
                Path out = dir.resolve(clipId + ".wav");
                if (!Files.exists(out)) {
                    throw new IOException("denoiser " + name + ": missing output " + out);
                }
                return out;
            }
        };
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static DenoiserResult score(Denoiser d, EvalSetManifest m, Path clipsDir, double maxLagMs) throws IOException {
        int rate = m.sampleRateHz();
        int maxLag = (int) Math.round(maxLagMs * rate / 1000);
        List<ClipScore> scores = new ArrayList<>();
        for (EvalSetManifest.Clip clip : m.clips()) {
            Path dir = clipsDir.resolve(clip.id());
            float[] clean = WavFile.read(dir.resolve("clean.wav")).samples();
            Path noisyWav = dir.resolve("noisy.wav");
            float[] noisy = WavFile.read(noisyWav).samples();
            WavFile.Audio outAudio = WavFile.read(d.output(clip.id(), noisyWav));
            float[] out = outAudio.samples();
            if (outAudio.sampleRateHz() != rate) {
                out = new Resampler(outAudio.sampleRateHz(), rate).process(out);
            }
            scores.add(scoreClip(clip, clean, noisy, out, MakeEvalSet.readPauses(dir.resolve("pauses.json")), maxLag, rate));
        }
        return new DenoiserResult(d.name(), scores, summarize(scores, rate));
    }

    static ClipScore scoreClip(EvalSetManifest.Clip clip, float[] clean, float[] noisy, float[] out,
                               List<PauseAttenuation.Region> pauses, int maxLag, int rate) {
        // The lag is measured against the input the denoiser saw; for clean-only clips that is the clean signal.
        int lag = DelayAlignment.findLagSamples(noisy, out, maxLag);
        float[] aligned = DelayAlignment.shift(out, lag, clean.length);
        Double drop = clip.cleanOnly() ? null : PauseAttenuation.levelDropDb(noisy, aligned, pauses);
        return new ClipScore(clip.id(), clip.noiseKind(), clip.snrDb(), lag,
                Math.min(SI_SDR_CAP_DB, SiSdr.compute(clean, aligned)),
                Math.min(SI_SDR_CAP_DB, SiSdr.compute(clean, noisy)), Stoi.compute(clean, aligned, rate), drop);
    }

    static List<Summary> summarize(List<ClipScore> scores, int rate) {
        List<Summary> out = new ArrayList<>();
        List<ClipScore> noisyClips = scores.stream().filter(s -> s.snrDb() != null).toList();
        List<ClipScore> cleanClips = scores.stream().filter(s -> s.snrDb() == null).toList();
        if (!noisyClips.isEmpty()) {
            out.add(mean("all noisy", noisyClips, rate));
        }
        group(out, noisyClips, s -> String.format(Locale.ROOT, "SNR %2.0f dB", s.snrDb()), rate);
        group(out, noisyClips, s -> s.noiseKind(), rate);
        if (!cleanClips.isEmpty()) {
            out.add(mean("clean only", cleanClips, rate));
        }
        return out;
    }

    private static void group(List<Summary> out, List<ClipScore> scores, Function<ClipScore, String> key, int rate) {
        Map<String, List<ClipScore>> groups = new TreeMap<>();
        for (ClipScore s : scores) {
            groups.computeIfAbsent(key.apply(s), k -> new ArrayList<>()).add(s);
        }
        groups.forEach((k, v) -> out.add(mean(k, v, rate)));
    }

    private static Summary mean(String group, List<ClipScore> s, int rate) {
        double sdr = 0;
        double imp = 0;
        double stoi = 0;
        double drop = 0;
        double lag = 0;
        int drops = 0;
        for (ClipScore c : s) {
            sdr += c.siSdrDb();
            imp += c.siSdrDb() - c.siSdrInputDb();
            stoi += c.stoi();
            lag += c.lagSamples();
            if (c.pauseDropDb() != null) {
                drop += c.pauseDropDb();
                drops++;
            }
        }
        int n = s.size();
        boolean cleanOnly = s.stream().allMatch(c -> c.snrDb() == null);
        return new Summary(group, n, sdr / n, cleanOnly ? null : imp / n, stoi / n, drops == 0 ? null : drop / drops,
                1000.0 * lag / n / rate);
    }

    static String markdown(List<DenoiserResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| group | denoiser | clips | SI-SDR dB | ΔSI-SDR dB | STOI | pause drop dB | lag ms |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        if (results.isEmpty()) {
            return sb.toString();
        }
        for (int g = 0; g < results.get(0).summaries().size(); g++) {
            for (DenoiserResult r : results) {
                Summary s = r.summaries().get(g);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %s | %.3f | %s | %.1f |%n", s.group(),
                        r.name(), s.clips(), s.siSdrDb(), s.siSdrImprovementDb() == null ? "–"
                                : String.format(Locale.ROOT, "%+.2f", s.siSdrImprovementDb()), s.stoi(),
                        s.pauseDropDb() == null ? "–" : String.format(Locale.ROOT, "%.1f", s.pauseDropDb()), s.meanLagMs()));
            }
        }
        return sb.toString();
    }
}
