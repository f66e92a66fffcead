package dev.hush.cli;

import dev.hush.audio.Resampler;
import dev.hush.audio.WavAudio;
import dev.hush.audio.WavFormatException;
import dev.hush.audio.WavReader;
import dev.hush.audio.WavWriter;
import dev.hush.dsp.PercepNet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleConsumer;

/**
 * {@code denoise [--engine jvm|wasm|jvm-no-postfilter|jvm-assist|jvm-no-priming] [--model FILE|none]
 * [--priming-steps N] [--warp-exponent E] [--quiet] IN.wav OUT.wav}: removes noise from a WAV file.
 *
 * <p>OUT gets IN's rate, channels, sample encoding and length, lined up sample for sample. It appears only
 * complete: the audio goes to a hidden file beside it that is renamed over OUT at the end, and deleted on
 * any failure.
 */
public final class DenoiseCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /** Shorter files finish before progress lines would help anyone. */
    static final double PROGRESS_MIN_SECONDS = 60.0;
    private static final String PREFIX = "denoise: ";

    private final Map<String, Engines.Factory> engines;

    public DenoiseCommand() {
        this(Engines.all());
    }

    /** With a custom engine table (tests plug in engines with known behaviour). */
    public DenoiseCommand(Map<String, Engines.Factory> engines) {
        this.engines = new LinkedHashMap<>(engines);
    }

    public static void main(String[] args) {
        System.exit(new DenoiseCommand().run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit status. Writes at most one error line to {@code err}. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        long startNanos = System.nanoTime();
        Options options;
        try {
            options = Options.parse(args, engines);
        } catch (UsageException e) {
            err.println(PREFIX + "error: " + e.getMessage() + " (see --help)");
            return EXIT_USAGE;
        }
        if (options.help) {
            out.print(usage());
            out.flush();
            return EXIT_OK;
        }
        Path temp = null;
        Thread cleanupOnExit = null;
        try {
            Path outPath = options.output.toAbsolutePath();
            if (Files.isDirectory(outPath)) {
                throw new Failure(options.output + ": is a directory, expected a WAV file name");
            }
            if (!Files.exists(options.input)) {
                throw new Failure(options.input + ": no such file");
            }
            // Created first so an unwritable destination fails in a second, not after minutes of processing.
            temp = createTempBeside(outPath);
            // Ctrl-C skips finally blocks but runs shutdown hooks: the half-written file goes either way.
            Path tempToDelete = temp;
            cleanupOnExit = new Thread(() -> {
                try {
                    Files.deleteIfExists(tempToDelete);
                } catch (IOException ignored) {
                    // Exiting anyway; nothing better to do.
                }
            }, "denoise-temp-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanupOnExit);
            byte[] model = options.noModel ? null : options.model == null ? shippedModel() : readModel(options.model);
            WavAudio audio;
            List<Engine> channelEngines = new ArrayList<>();
            try {
                // Opened before the audio is read, so an unusable engine or model fails at once.
                channelEngines.add(openEngine(options, model));
                try {
                    audio = WavReader.read(options.input);
                } catch (WavFormatException e) {
                    throw new Failure(options.input + ": " + e.getMessage());
                } catch (IOException e) {
                    throw new Failure("cannot read " + options.input + ": " + describe(e));
                }
                while (channelEngines.size() < audio.format().channels()) {
                    channelEngines.add(openEngine(options, model));
                }
                Progress progress = new Progress(err, !options.quiet && audio.durationSeconds() > PROGRESS_MIN_SECONDS);
                denoise(audio, channelEngines, progress);
            } finally {
                closeAll(channelEngines);
            }
            try {
                WavWriter.write(temp, audio);
                Files.move(temp, outPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                temp = null;
            } catch (IOException e) {
                throw new Failure("cannot write " + options.output + ": " + describe(e));
            }
            if (!options.quiet) {
                double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
                out.println(summary(audio.durationSeconds(), wallSeconds));
                out.flush();
            }
            return EXIT_OK;
        } catch (Failure e) {
            err.println(PREFIX + "error: " + e.getMessage());
            return EXIT_FAILURE;
        } catch (IOException e) {
            err.println(PREFIX + "error: " + describe(e));
            return EXIT_FAILURE;
        } catch (OutOfMemoryError e) {
            err.println(PREFIX + "error: out of memory; give Java more with JAVA_TOOL_OPTIONS=-Xmx8g or similar");
            return EXIT_FAILURE;
        } catch (RuntimeException e) {
            err.println(PREFIX + "error: internal error: " + oneLine(String.valueOf(e)));
            return EXIT_FAILURE;
        } finally {
            if (cleanupOnExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to: it deletes the temporary file.
                }
            }
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The error that got us here is the one worth reporting.
                }
            }
        }
    }

    private Engine openEngine(Options options, byte[] model) throws IOException, Failure {
        Engine engine;
        try {
            engine = engines.get(options.engine).open(model);
        } catch (IllegalArgumentException e) {
            throw new Failure("model file " + options.model + ": " + oneLine(e.getMessage()));
        }
        if (!options.ensembleWith.isEmpty()) {
            if (!(engine instanceof JvmEngine jvm)) {
                engine.close();
                throw new Failure("--ensemble-with applies to the jvm engines only, not '" + options.engine + "'");
            }
            if (model == null) {
                engine.close();
                throw new Failure("--ensemble-with needs a network; --model none has none");
            }
            List<byte[]> others = new ArrayList<>();
            for (Path p : options.ensembleWith) {
                byte[] bytes;
                try {
                    bytes = readModel(p);
                    dev.hush.nn.GainNetwork.load(bytes);
                } catch (Failure | IllegalArgumentException e) {
                    engine.close();
                    throw e instanceof Failure f ? f : new Failure("model file " + p + ": " + oneLine(e.getMessage()));
                }
                others.add(bytes);
            }
            try {
                jvm.ensembleWith(others);
            } catch (IllegalArgumentException e) {
                engine.close();
                throw new Failure("--ensemble-with: " + oneLine(e.getMessage()));
            }
        }
        if (options.primingSteps != null || options.warpExponent != null || options.pauseWarpExponent != null
                || options.pausePresenceDb != null) {
            if (!(engine instanceof JvmEngine jvm)) {
                engine.close();
                throw new Failure("--priming-steps, --warp-exponent, --pause-warp-exponent and --pause-presence-db"
                        + " apply to the jvm engines only, not '" + options.engine + "'");
            }
            // Their ranges were checked with the other arguments.
            jvm.tune(options.primingSteps, options.warpExponent, options.pauseWarpExponent, options.pausePresenceDb);
        }
        return engine;
    }

    /**
     * Replaces every channel of {@code audio} by its denoised version, in place. Channel c goes through
     * {@code engines.get(c)}; channels run in parallel, one thread each, so no engine is ever shared
     * between threads.
     */
    static void denoise(WavAudio audio, List<Engine> engines, Progress progress) throws IOException, Failure {
        double[][] channels = audio.channels();
        int rate = audio.format().sampleRateHz();
        if (channels.length == 1) {
            denoiseChannel(channels[0], rate, engines.get(0), progress.channel(0, 1));
            progress.finish();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(channels.length, r -> {
            Thread t = new Thread(r, "denoise-channel");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> tasks = new ArrayList<>();
            for (int c = 0; c < channels.length; c++) {
                int channel = c;
                tasks.add(pool.submit(() -> {
                    denoiseChannel(channels[channel], rate, engines.get(channel), progress.channel(channel, channels.length));
                    return null;
                }));
            }
            for (Future<Void> task : tasks) {
                try {
                    task.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof Failure f) {
                        throw f;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Failure("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        progress.finish();
    }

    /** 48 kHz in, denoised, back to {@code rateHz}: replaces {@code samples} in place, same length. */
    private static void denoiseChannel(double[] samples, int rateHz, Engine engine, DoubleConsumer progress)
            throws IOException, Failure {
        boolean resample = rateHz != PercepNet.SAMPLE_RATE_HZ;
        // Rough shares of the work, for progress only.
        double resampleShare = resample ? 0.15 : 0;
        double denoiseShare = 1 - 2 * resampleShare;
        float[] x = new float[samples.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) samples[i];
        }
        float[] x48 = x;
        if (resample) {
            Resampler up = new Resampler(rateHz, PercepNet.SAMPLE_RATE_HZ);
            long length48 = up.outputLength(x.length);
            if (length48 > Integer.MAX_VALUE - 8) {
                throw new Failure("input is too long to process at 48 kHz");
            }
            x48 = up.process(x, (int) length48, f -> progress.accept(resampleShare * f));
        }
        x = null;
        float[] y48 = engine.denoise(x48, f -> progress.accept(resampleShare + denoiseShare * f));
        if (y48.length != x48.length) {
            throw new IllegalStateException("engine '" + engine.name() + "' returned " + y48.length
                    + " samples for " + x48.length);
        }
        x48 = null;
        float[] y = resample
                ? new Resampler(PercepNet.SAMPLE_RATE_HZ, rateHz).process(y48, samples.length,
                        f -> progress.accept(1 - resampleShare + resampleShare * f))
                : y48;
        for (int i = 0; i < y.length; i++) {
            samples[i] = y[i];
        }
        progress.accept(1.0);
    }

    /** Engines hold no results, so a failing close loses nothing and must not hide the run's real outcome. */
    private static void closeAll(List<Engine> engines) {
        for (Engine e : engines) {
            try {
                e.close();
            } catch (IOException | RuntimeException ignored) {
                // See above.
            }
        }
    }

    static String summary(double audioSeconds, double wallSeconds) {
        double rtf = wallSeconds / audioSeconds;
        double speed = 1 / rtf;
        String speedFormat = speed >= 10 ? "%.0f" : speed >= 1 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, "denoised %.1f s of audio in %.1f s (RTF %.4f, " + speedFormat + "x real time)",
                audioSeconds, wallSeconds, rtf, speed);
    }

    private static byte[] shippedModel() throws Failure {
        try {
            return ShippedModel.bytes();
        } catch (IOException e) {
            throw new Failure("cannot read the shipped model: " + describe(e));
        }
    }

    private static byte[] readModel(Path model) throws Failure {
        try {
            if (Files.isDirectory(model)) {
                throw new Failure("cannot read model file " + model + ": is a directory");
            }
            return Files.readAllBytes(model);
        } catch (IOException e) {
            throw new Failure("cannot read model file " + model + ": " + describe(e));
        }
    }

    private static Path createTempBeside(Path out) throws Failure {
        Path dir = out.getParent();
        if (dir == null || !Files.exists(dir)) {
            throw new Failure("cannot write " + out + ": directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new Failure("cannot write " + out + ": " + dir + " is not a directory");
        }
        String name = out.getFileName().toString();
        for (int attempt = 0; ; attempt++) {
            // Hidden, in OUT's own directory (so the final rename is atomic), unique per run.
            Path temp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw new Failure("cannot create a temporary file in " + dir);
                }
            } catch (IOException e) {
                throw new Failure("cannot write to directory " + dir + ": " + describe(e));
            }
        }
    }

    /** A one-line reason for an I/O failure, without Java class names. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return oneLine(fse.getReason());
        }
        String message = e.getMessage();
        return oneLine(message == null ? e.getClass().getSimpleName() : message);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    String usage() {
        String names = String.join("|", engines.keySet());
        return "usage: denoise [--engine " + names + "] [--model FILE|none] [--priming-steps N] [--warp-exponent E]"
                + " [--pause-warp-exponent E [--pause-presence-db T]] [--ensemble-with FILE]... [--quiet] IN.wav OUT.wav\n"
                + "\n"
                + "Removes background noise from speech in a WAV file. OUT.wav keeps IN.wav's sample rate,\n"
                + "channels, sample format and length, lined up sample for sample with it.\n"
                + "Reads PCM 8/16/24/32-bit or 32-bit float WAV, mono or stereo, 8 to 96 kHz.\n"
                + "\n"
                + "  --engine NAME  denoiser implementation: " + String.join(", ", engines.keySet())
                + " (default " + Engines.DEFAULT + ";\n"
                + "                 jvm-no-postfilter: without PercepNet's envelope postfilter;\n"
                + "                 jvm-assist: with the steady-noise assist shipped until 1.3.0's retune;\n"
                + "                 jvm-no-priming: without priming the network's state at the stream's start)\n"
                + "  --model FILE   network weights file (default: the model shipped in this build;\n"
                + "                 'none': the classic noise estimator, no network)\n"
                + "  --priming-steps N  jvm engines: extra network steps priming the state on the first full\n"
                + "                 frame (default " + dev.hush.nn.GainNetwork.STATE_PRIMING_STEPS + ", 0 none); to compare with the shipped setting\n"
                + "  --warp-exponent E  jvm engines: the postfilter's warp g*sin(pi*g/2)^E (default "
                + dev.hush.dsp.EnvelopePostfilter.WARP_EXPONENT + ", PercepNet's 1)\n"
                + "  --pause-warp-exponent E  jvm engines: this warp instead where the network hears no speech\n"
                + "                 (speech presence at or below --pause-presence-db T, default "
                + dev.hush.dsp.EnvelopePostfilter.DEFAULT_PAUSE_PRESENCE_DB + " dB),\n"
                + "                 moving to --warp-exponent's over the next "
                + dev.hush.dsp.EnvelopePostfilter.WARP_TRANSITION_DB + " dB\n"
                + "  --ensemble-with FILE  jvm engines: average the gains and strengths of the model and of the\n"
                + "                 network in FILE (repeatable), e.g. two seeds of one recipe; each costs a network's time\n"
                + "  --quiet, -q    no progress lines and no summary\n"
                + "  --help, -h     show this text\n"
                + "\n"
                + "Exit status: 0 done, 1 unreadable input or model, or output not written, 2 bad arguments.\n";
    }

    /** A failure whose message is already the one line to show. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static final class Options {
        boolean help;
        boolean quiet;
        String engine = Engines.DEFAULT;
        Path model;
        boolean noModel;
        Path input;
        Path output;
        Integer primingSteps;
        Double warpExponent;
        Double pauseWarpExponent;
        Double pausePresenceDb;
        final List<Path> ensembleWith = new ArrayList<>();

        static Options parse(String[] args, Map<String, Engines.Factory> engines) throws UsageException {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            boolean engineSeen = false;
            boolean optionsEnded = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                    positional.add(a);
                    continue;
                }
                String value = null;
                String name = a;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                switch (name) {
                    case "--" -> optionsEnded = true;
                    case "--help", "-h" -> o.help = true;
                    case "--quiet", "-q" -> o.quiet = true;
                    case "--engine" -> {
                        if (engineSeen) {
                            throw new UsageException("--engine given twice");
                        }
                        engineSeen = true;
                        String e = value != null ? value : next(args, ++i, name);
                        if (!engines.containsKey(e)) {
                            throw new UsageException("unknown engine '" + e + "' (choose "
                                    + String.join(", ", engines.keySet()) + ")");
                        }
                        o.engine = e;
                    }
                    case "--model" -> {
                        if (o.model != null) {
                            throw new UsageException("--model given twice");
                        }
                        String m = value != null ? value : next(args, ++i, name);
                        if (m.isEmpty()) {
                            throw new UsageException("--model needs a file name");
                        }
                        if (m.equals("none")) {
                            o.noModel = true;
                        }
                        o.model = Path.of(m);
                    }
                    case "--priming-steps" -> {
                        if (o.primingSteps != null) {
                            throw new UsageException("--priming-steps given twice");
                        }
                        o.primingSteps = (int) number(name, value != null ? value : next(args, ++i, name),
                                0, dev.hush.nn.GainNetwork.MAX_STATE_PRIMING_STEPS, true);
                    }
                    case "--warp-exponent" -> {
                        if (o.warpExponent != null) {
                            throw new UsageException("--warp-exponent given twice");
                        }
                        o.warpExponent = number(name, value != null ? value : next(args, ++i, name),
                                0, dev.hush.dsp.EnvelopePostfilter.MAX_WARP_EXPONENT, false);
                    }
                    case "--pause-warp-exponent" -> {
                        if (o.pauseWarpExponent != null) {
                            throw new UsageException("--pause-warp-exponent given twice");
                        }
                        o.pauseWarpExponent = number(name, value != null ? value : next(args, ++i, name),
                                0, dev.hush.dsp.EnvelopePostfilter.MAX_WARP_EXPONENT, false);
                    }
                    case "--pause-presence-db" -> {
                        if (o.pausePresenceDb != null) {
                            throw new UsageException("--pause-presence-db given twice");
                        }
                        o.pausePresenceDb = number(name, value != null ? value : next(args, ++i, name),
                                -100, 0, false);
                    }
                    case "--ensemble-with" -> {
                        String m = value != null ? value : next(args, ++i, name);
                        if (m.isEmpty()) {
                            throw new UsageException("--ensemble-with needs a file name");
                        }
                        o.ensembleWith.add(Path.of(m));
                    }
                    default -> throw new UsageException("unknown option '" + a + "'");
                }
                if (value != null && !name.equals("--engine") && !name.equals("--model") && !name.equals("--ensemble-with")
                        && !name.equals("--priming-steps") && !name.equals("--warp-exponent")
                        && !name.equals("--pause-warp-exponent") && !name.equals("--pause-presence-db")) {
                    throw new UsageException("option " + name + " takes no value");
                }
            }
            if (o.help) {
                return o;
            }
            if (o.pausePresenceDb != null && o.pauseWarpExponent == null) {
                throw new UsageException("--pause-presence-db needs --pause-warp-exponent");
            }
            if (positional.size() != 2) {
                throw new UsageException(positional.isEmpty() ? "missing IN.wav and OUT.wav"
                        : positional.size() == 1 ? "missing OUT.wav" : "too many arguments: expected IN.wav OUT.wav");
            }
            for (String p : positional) {
                if (p.isEmpty()) {
                    throw new UsageException("empty file name");
                }
            }
            o.input = Path.of(positional.get(0));
            o.output = Path.of(positional.get(1));
            return o;
        }

        /** The number an option takes, in [min, max]; a whole number when {@code whole}. */
        private static double number(String name, String v, int min, int max, boolean whole) throws UsageException {
            double x;
            try {
                x = whole ? Integer.parseInt(v) : Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs " + (whole ? "a whole number" : "a number") + ", got '" + v + "'");
            }
            if (!(x >= min && x <= max)) {
                throw new UsageException(name + " must be " + min + " to " + max + ", got " + v);
            }
            return x;
        }

        private static String next(String[] args, int i, String option) throws UsageException {
            if (i >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            return args[i];
        }
    }
}
