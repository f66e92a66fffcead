package dev.hush.e2e.call;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real signaling server (signaling-server/target/hush-server.jar) as a child process on a free port of
 * 127.0.0.1. It can be stopped and started again on the same port, as a restart mid-call.
 */
final class HushServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path jar;
    private final int port;
    private final Path log;
    private final List<String> extraArgs;
    private Process process;

    private HushServer(Path jar, int port, Path log, List<String> extraArgs) {
        this.jar = jar;
        this.port = port;
        this.log = log;
        this.extraArgs = extraArgs;
    }

    static HushServer start(Path logDir, List<String> flags) throws IOException, InterruptedException {
        String configured = System.getProperty("hush.server.jar", "../signaling-server/target/hush-server.jar");
        Path jar = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the server jar " + jar + " is missing: build it first"
                    + " (mvn -B package -pl signaling-server -am, or mvn verify at the root)");
        }
        // Development only: serve the page/wasm from directories instead of the jar's classpath.
        List<String> extra = new ArrayList<>(flags);
        String args = System.getProperty("hush.server.args", "").trim();
        if (!args.isEmpty()) {
            extra.addAll(List.of(args.split("\\s+")));
        }
        Files.createDirectories(logDir);
        HushServer server = new HushServer(jar, freePort(), logDir.resolve("server.log"), extra);
        server.launch();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void launch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--instances", "1",
                "--shutdown-grace", "1"));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not answer /health within " + START_TIMEOUT + "; see " + log);
    }

    /** Starts the server again if a test stopped it (and failed before restarting it). */
    void ensureRunning() throws IOException, InterruptedException {
        if (process == null || !process.isAlive()) {
            launch();
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL), as an operator restarting it would. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
