package dev.hush.training.eval;

import dev.hush.metrics.PauseAttenuation;
import dev.hush.metrics.SiSdr;
import dev.hush.training.audio.WavFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams that begin on a word: what state priming costs when a stream's first frames are speech, not noise
 * (model-training/runs/hush-percepnet-1.4.0/analysis/start_on_a_word.sh drives it).
 * <ul>
 *   <li>{@code cut OUT_DIR}: evaluation set v2's clips, each cut to {@link #CUT_SECONDS} s from the end of its first
 *   pause (+{@link EvalClip#PAUSE_GUARD_SECONDS}), as {@code <clip>-noisy.wav} and {@code <clip>-clean.wav};</li>
 *   <li>{@code score DIR VARIANT...}: the SI-SDR of {@code <clip>-<variant>.wav} over the first 0.3 / 0.5 / 1 s,
 *   as a gain over the noisy input for noisy clips and against the input for the clean-only ones (mean and worst).</li>
 * </ul>
 */
public final class StartOnAWord {
    static final double CUT_SECONDS = 3;
    static final double[] SPANS_SECONDS = {0.3, 0.5, 1.0};
    private static final String CLEAN_ONLY_SUFFIX = "-clean";

    private StartOnAWord() {
    }

    /** One clip's reference, input and outputs, each read once. */
    record Clip(String id, boolean cleanOnly, int sampleRateHz, float[] clean, float[] noisy,
                Map<String, float[]> outputs) {
    }

    /** Mean and worst score of one variant over the clips of one kind and one span. */
    record Score(String kind, double spanSeconds, String variant, double meanDb, double worstDb) {
        String line() {
            return String.format(Locale.ROOT, "%s %.2f (min %.2f)", variant, meanDb, worstDb);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("cut")) {
            Path out = Path.of(args[1]);
            int n = cut(MakeEvalSet.defaultCache().resolve("evalset-v2"), out);
            System.err.printf(Locale.ROOT, "start-on-a-word: %d clips cut into %s%n", n, out);
        } else if (args.length >= 3 && args[0].equals("score")) {
            List<String> variants = Arrays.asList(args).subList(2, args.length);
            List<Score> scores = score(load(Path.of(args[1]), variants), variants);
            for (int i = 0; i < scores.size(); i += variants.size()) {
                Score first = scores.get(i);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s %s ", first.kind(), first.spanSeconds()));
                for (int v = 0; v < variants.size(); v++) {
                    line.append(v == 0 ? "" : " | ").append(scores.get(i + v).line());
                }
                System.out.println(line);
            }
        } else {
            System.err.println("usage: StartOnAWord cut OUT_DIR | score DIR VARIANT...");
            System.exit(2);
        }
    }

    static int cut(Path evalSet, Path out) throws IOException {
        if (!Files.isDirectory(evalSet)) {
            throw new IOException("no evaluation set at " + evalSet + ": run bin/evaluate once first");
        }
        Files.createDirectories(out);
        List<Path> clips;
        try (var dirs = Files.list(evalSet)) {
            clips = dirs.filter(Files::isDirectory).sorted().toList();
        }
        int count = 0;
        for (Path dir : clips) {
            List<PauseAttenuation.Region> pauses = MakeEvalSet.readPauses(dir.resolve("pauses.json"));
            if (pauses.isEmpty()) {
                continue;
            }
            WavFile.Audio noisy = WavFile.read(dir.resolve("noisy.wav"));
            WavFile.Audio clean = WavFile.read(dir.resolve("clean.wav"));
            int rate = noisy.sampleRateHz();
            int start = pauses.get(0).end() + (int) (EvalClip.PAUSE_GUARD_SECONDS * rate);
            int end = Math.min(noisy.samples().length, start + (int) (CUT_SECONDS * rate));
            String id = dir.getFileName().toString();
            WavFile.writeFloat(out.resolve(id + "-noisy.wav"), Arrays.copyOfRange(noisy.samples(), start, end), rate);
            WavFile.writeFloat(out.resolve(id + "-clean.wav"), Arrays.copyOfRange(clean.samples(), start, end), rate);
            count++;
        }
        return count;
    }

    static List<Clip> load(Path dir, List<String> variants) throws IOException {
        List<Path> references;
        try (var files = Files.list(dir)) {
            references = files.filter(f -> f.getFileName().toString().endsWith("-clean.wav")).sorted().toList();
        }
        if (references.isEmpty()) {
            throw new IOException("no <clip>-clean.wav in " + dir + ": run the cut step first");
        }
        List<Clip> clips = new ArrayList<>();
        for (Path reference : references) {
            String name = reference.getFileName().toString();
            String id = name.substring(0, name.length() - "-clean.wav".length());
            Map<String, float[]> outputs = new LinkedHashMap<>();
            for (String v : variants) {
                outputs.put(v, WavFile.read(dir.resolve(id + "-" + v + ".wav")).samples());
            }
            WavFile.Audio clean = WavFile.read(reference);
            clips.add(new Clip(id, id.endsWith(CLEAN_ONLY_SUFFIX), clean.sampleRateHz(), clean.samples(),
                    WavFile.read(dir.resolve(id + "-noisy.wav")).samples(), outputs));
        }
        return clips;
    }

    /** Noisy clips first, then clean-only ones; within each, span by span, the variants in the order given. */
    static List<Score> score(List<Clip> clips, List<String> variants) {
        List<Score> scores = new ArrayList<>();
        for (boolean cleanOnly : new boolean[] {false, true}) {
            for (double span : SPANS_SECONDS) {
                for (String v : variants) {
                    double sum = 0;
                    double worst = Double.POSITIVE_INFINITY;
                    int count = 0;
                    for (Clip c : clips) {
                        if (c.cleanOnly() != cleanOnly) {
                            continue;
                        }
                        int n = (int) (span * c.sampleRateHz());
                        int len = Math.min(n, Math.min(c.clean().length, c.outputs().get(v).length));
                        double db = SiSdr.compute(c.clean(), 0, c.outputs().get(v), 0, len)
                                - (cleanOnly ? 0 : SiSdr.compute(c.clean(), 0, c.noisy(), 0, len));
                        sum += db;
                        worst = Math.min(worst, db);
                        count++;
                    }
                    if (count > 0) {
                        scores.add(new Score(cleanOnly ? "clean" : "noisy", span, v, sum / count, worst));
                    }
                }
            }
        }
        return scores;
    }
}
