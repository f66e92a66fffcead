package dev.hush.e2e.call;

import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server and one Playwright per test class; browsers per test. When a test fails, every recording it
 * made (WAV) and a screenshot of every participant are kept under target/e2e-artifacts/CLASS/TEST/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CallTestBase.KeepArtifactsOnFailure.class)
abstract class CallTestBase {
    static final Path ARTIFACTS = Path.of(System.getProperty("hush.artifacts", "target/e2e-artifacts"));
    static final Path REPORTS = Path.of(System.getProperty("hush.reports", "target/surefire-reports"));

    HushServer server;
    Playwright playwright;
    final List<Participant> participants = new ArrayList<>();
    final Map<String, float[]> recordings = new LinkedHashMap<>();

    @BeforeAll
    void startServer() throws Exception {
        server = HushServer.start(ARTIFACTS.resolve(getClass().getSimpleName()), serverFlags());
        playwright = Participant.playwright();
    }

    /** Extra command-line flags for this class's server. */
    List<String> serverFlags() {
        return List.of();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void serverUp() throws Exception {
        server.ensureRunning();
    }

    @AfterEach
    void closeBrowsers() {
        for (Participant p : participants) {
            try {
                p.close();
            } catch (RuntimeException e) {
                System.err.println("closing " + p.name + ": " + e);
            }
        }
        participants.clear();
        recordings.clear();
    }

    Participant open(String name, Path mic) {
        return open(name, mic, null);
    }

    Participant open(String name, Path mic, String query) {
        Participant p = Participant.open(playwright, name, mic, server.baseUrl(), query, !fullMotion());
        participants.add(p);
        return p;
    }

    /**
     * Whether the pages animate fully (spectrogram scrolling, meters at 20 fps). Only the tests of the page's live
     * views need it; the others ask for reduced motion, which spares the CPU the calls' audio needs.
     */
    boolean fullMotion() {
        return false;
    }

    /** Keeps a recording for the failure artifacts. */
    float[] keep(String label, float[] samples) {
        recordings.put(label, samples);
        return samples;
    }

    static Path micFile(String name, TestSignal signal) throws Exception {
        Path file = ARTIFACTS.resolve("mic").resolve(name + ".wav");
        TestSignal.writeWav(file, signal.noisy, TestSignal.SAMPLE_RATE_HZ);
        return file;
    }

    void saveArtifacts(String test) {
        Path dir = ARTIFACTS.resolve(getClass().getSimpleName()).resolve(test);
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, float[]> r : recordings.entrySet()) {
                TestSignal.writeWav(dir.resolve(r.getKey() + ".wav"), r.getValue(), TestSignal.SAMPLE_RATE_HZ);
            }
            for (Participant p : participants) {
                try {
                    p.screenshot(dir.resolve(p.name + ".png"));
                    Files.writeString(dir.resolve(p.name + "-console-errors.txt"), String.join("\n", p.consoleErrors));
                } catch (RuntimeException e) {
                    System.err.println("no screenshot of " + p.name + ": " + e);
                }
            }
            System.err.println("test artifacts kept in " + dir.toAbsolutePath());
        } catch (Exception e) {
            System.err.println("could not keep artifacts: " + e);
        }
    }

    static final class KeepArtifactsOnFailure implements AfterTestExecutionCallback {
        @Override
        public void afterTestExecution(ExtensionContext context) {
            // -Dhush.keep=true keeps the artifacts of passing tests too (to look at the audio).
            if (context.getExecutionException().isPresent() || Boolean.getBoolean("hush.keep")) {
                Object instance = context.getRequiredTestInstance();
                if (instance instanceof CallTestBase base) {
                    base.saveArtifacts(context.getRequiredTestMethod().getName());
                }
            }
        }
    }
}
