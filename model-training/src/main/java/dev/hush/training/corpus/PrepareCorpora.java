package dev.hush.training.corpus;

import dev.hush.dsp.PercepNet;
import dev.hush.training.audio.Ffmpeg;
import dev.hush.training.audio.WavFile;
import dev.hush.training.data.RoomImpulseResponses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Second half of {@code bin/fetch-corpora}: decodes the extracted packages to 48 kHz mono WAV (speech trimmed),
 * measures each source and writes the index. Idempotent: existing WAVs are kept.
 *
 * <pre>java dev.hush.training.corpus.PrepareCorpora CACHE_DIR [--workers N]</pre>
 */
public final class PrepareCorpora {
    /** A stereo file whose quieter channel is this far down has a dead channel: take the live one, don't average. */
    public static final double SILENT_CHANNEL_DB = 30;
    public static final double CLIP_LEVEL = 0.999;
    public static final int MAX_WORKERS = 2;
    /** Phrases shorter than this after trimming are dropped from the index (empty or a click). */
    public static final double MIN_SPEECH_SECONDS = 0.3;

    private final Path cache;
    private final int workers;

    PrepareCorpora(Path cache, int workers) {
        this.cache = cache;
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PrepareCorpora CACHE_DIR [--workers N]");
            System.exit(2);
        }
        int workers = MAX_WORKERS;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--workers") && i + 1 < args.length) {
                workers = Math.max(1, Math.min(MAX_WORKERS, Integer.parseInt(args[++i])));
            } else {
                System.err.println("unknown argument " + args[i]);
                System.exit(2);
            }
        }
        try {
            new PrepareCorpora(Path.of(args[0]), workers).run();
        } catch (IOException e) {
            System.err.println("fetch-corpora: " + e.getMessage());
            System.exit(1);
        }
    }

    void run() throws Exception {
        long t0 = System.nanoTime();
        List<CorpusSource> sources = SourceCatalog.discover(cache.resolve("pkgs"));
        decodeAll(sources);
        long t1 = System.nanoTime();
        CorpusIndex index = measureAll(sources);
        index.write(cache);
        int rirs = RoomImpulseResponses.generate(cache);
        double minRt60 = Double.POSITIVE_INFINITY;
        double maxRt60 = 0;
        for (Path ir : RoomImpulseResponses.list(cache)) {
            double rt = RoomImpulseResponses.rt60Seconds(WavFile.read(ir).samples(), PercepNet.SAMPLE_RATE_HZ);
            minRt60 = Math.min(minRt60, rt);
            maxRt60 = Math.max(maxRt60, rt);
        }
        System.out.printf(Locale.ROOT, "impulse responses: %d new, %d in %s, RT60 %.2f-%.2f s%n", rirs,
                RoomImpulseResponses.list(cache).size(), cache.resolve(RoomImpulseResponses.DIR), minRt60, maxRt60);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%ndecode %.0f s, measure + impulse responses %.0f s; index: %s%n%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, cache.resolve(CorpusIndex.FILE_NAME));
        System.out.print(index.summaryCsv());
    }

    private Path wavPath(CorpusSource s, CorpusSource.SourceFile f) {
        return cache.resolve("wav").resolve(s.id()).resolve(f.name() + ".wav");
    }

    private void decodeAll(List<CorpusSource> sources) throws Exception {
        List<Runnable> jobs = new ArrayList<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        int total = 0;
        for (CorpusSource s : sources) {
            for (CorpusSource.SourceFile f : s.files()) {
                total++;
                Path out = wavPath(s, f);
                if (Files.exists(out)) {
                    continue;
                }
                jobs.add(() -> {
                    try {
                        decodeOne(s, f, out);
                    } catch (IOException | RuntimeException e) {
                        failures.add(f.packagePath() + ": " + e.getMessage());
                    }
                });
            }
        }
        System.out.printf(Locale.ROOT, "decode: %d files, %d already done, %d to decode with %d worker(s)%n",
                total, total - jobs.size(), jobs.size(), workers);
        runWithProgress("decode", jobs);
        if (!failures.isEmpty()) {
            failures.forEach(m -> System.err.println("  failed: " + m));
            throw new IOException(failures.size() + " file(s) failed to decode (see above); rerun to retry them");
        }
    }

    private void decodeOne(CorpusSource s, CorpusSource.SourceFile f, Path out) throws IOException {
        Path in = cache.resolve("pkgs").resolve(s.debPackage()).resolve(f.packagePath());
        float[][] ch = Ffmpeg.decode(in, s.inputFormat(), PercepNet.SAMPLE_RATE_HZ);
        ChannelChoice choice = chooseChannel(ch);
        float[] mono = choice.samples;
        if (s.kind() == CorpusSource.Kind.SPEECH) {
            mono = SilenceTrimmer.trim(mono, PercepNet.SAMPLE_RATE_HZ);
        }
        if (choice.note != null) {
            Files.createDirectories(out.getParent());
            Files.writeString(out.resolveSibling(out.getFileName() + ".channel"), choice.note + "\n");
        }
        WavFile.writePcm16(out, mono, PercepNet.SAMPLE_RATE_HZ);
    }

    record ChannelChoice(float[] samples, String note) {
    }

    /** Averages channels, unless one is dead (then averaging would lose 6 dB and mix in its hiss): take the live one. */
    static ChannelChoice chooseChannel(float[][] ch) {
        if (ch.length == 1) {
            return new ChannelChoice(ch[0], null);
        }
        double[] energy = new double[ch.length];
        int loudest = 0;
        for (int c = 0; c < ch.length; c++) {
            for (float v : ch[c]) {
                energy[c] += (double) v * v;
            }
            if (energy[c] > energy[loudest]) {
                loudest = c;
            }
        }
        for (int c = 0; c < ch.length; c++) {
            if (c != loudest && 10 * Math.log10((energy[c] + 1e-30) / (energy[loudest] + 1e-30)) < -SILENT_CHANNEL_DB) {
                String how = energy[c] == 0 ? "digitally silent" : String.format(Locale.ROOT, "%.0f dB down",
                        -10 * Math.log10(energy[c] / energy[loudest]));
                return new ChannelChoice(ch[loudest], String.format(Locale.ROOT,
                        "took channel %d of %d; channel %d was %s", loudest + 1, ch.length, c + 1, how));
            }
        }
        float[] mono = new float[ch[0].length];
        for (float[] c : ch) {
            for (int i = 0; i < mono.length; i++) {
                mono[i] += c[i] / ch.length;
            }
        }
        return new ChannelChoice(mono, null);
    }

    private CorpusIndex measureAll(List<CorpusSource> sources) throws Exception {
        List<CorpusIndex.Source> out = new ArrayList<>();
        for (CorpusSource s : sources) {
            out.add(measure(s));
        }
        return new CorpusIndex(CorpusIndex.VERSION, PercepNet.SAMPLE_RATE_HZ, out);
    }

    private CorpusIndex.Source measure(CorpusSource s) throws Exception {
        BandwidthMeter meter = new BandwidthMeter(PercepNet.SAMPLE_RATE_HZ);
        CorpusIndex.File[] files = new CorpusIndex.File[s.files().size()];
        long[] samples = new long[1];
        long[] clipped = new long[1];
        AtomicInteger silentChannel = new AtomicInteger();
        List<Runnable> jobs = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            int idx = i;
            CorpusSource.SourceFile f = s.files().get(i);
            jobs.add(() -> {
                try {
                    Path wav = wavPath(s, f);
                    float[] x = WavFile.read(wav).samples();
                    long c = 0;
                    for (float v : x) {
                        if (Math.abs(v) >= CLIP_LEVEL) {
                            c++;
                        }
                    }
                    meter.add(x);
                    synchronized (samples) {
                        samples[0] += x.length;
                        clipped[0] += c;
                    }
                    if (Files.exists(wav.resolveSibling(wav.getFileName() + ".channel"))) {
                        silentChannel.incrementAndGet();
                    }
                    double seconds = (double) x.length / PercepNet.SAMPLE_RATE_HZ;
                    if (s.kind() == CorpusSource.Kind.NOISE || seconds >= MIN_SPEECH_SECONDS) {
                        files[idx] = new CorpusIndex.File(f.name(), cache.relativize(wav).toString(), seconds,
                                f.license(), f.noiseKind());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        runWithProgress("measure " + s.id(), jobs);
        List<CorpusIndex.File> kept = new ArrayList<>();
        TreeSet<String> licenses = new TreeSet<>();
        double seconds = 0;
        for (CorpusIndex.File f : files) {
            if (f != null) {
                kept.add(f);
                licenses.add(f.license());
                seconds += f.durationSeconds();
            }
        }
        return new CorpusIndex.Source(s.id(), s.kind().name().toLowerCase(Locale.ROOT), s.debPackage(), s.speaker(),
                List.copyOf(licenses), kept.size(), seconds,
                s.kind() == CorpusSource.Kind.SPEECH ? meter.speechEdgeHz() : meter.edgeHz(), meter.edgeHz(),
                meter.energyQuantileHz(0.99), meter.energyQuantileHz(0.999), meter.energyQuantileHz(0.9999),
                samples[0] == 0 ? 0 : (double) clipped[0] / samples[0], silentChannel.get(), meter.ltasDb(),
                s.kind() == CorpusSource.Kind.SPEECH ? meter.speechOverFloorDb() : new double[0], kept);
    }

    private void runWithProgress(String what, List<Runnable> jobs) throws Exception {
        if (jobs.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (Runnable job : jobs) {
            futures.add(pool.submit(() -> {
                job.run();
                done.incrementAndGet();
            }));
        }
        pool.shutdown();
        long lastPrint = 0;
        while (!pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            if (now - lastPrint > 10_000_000_000L) {
                lastPrint = now;
                int d = done.get();
                double el = (now - start) / 1e9;
                System.out.printf(Locale.ROOT, "  %s: %d/%d (%.0f%%), %.0f s elapsed, ~%.0f s left%n", what, d,
                        jobs.size(), 100.0 * d / jobs.size(), el, d == 0 ? Double.NaN : el * (jobs.size() - d) / d);
            }
        }
        for (Future<?> f : futures) {
            f.get();
        }
        if (jobs.size() > 50) {
            System.out.printf(Locale.ROOT, "  %s: %d done in %.0f s%n", what, jobs.size(), (System.nanoTime() - start) / 1e9);
        }
    }
}
