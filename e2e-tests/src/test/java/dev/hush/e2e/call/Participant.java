package dev.hush.e2e.call;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ReducedMotion;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One person in a call: their own Chromium process (the fake microphone is a per-process flag) whose
 * microphone is a WAV file, on the call page of the server under test.
 */
final class Participant implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> FLAGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required",
            "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream");
    private static final String CAPTURE_SCRIPT = resource("/call-e2e/capture.js");

    final String name;
    final Browser browser;
    final BrowserContext context;
    final Page page;
    final List<String> consoleErrors = Collections.synchronizedList(new ArrayList<>());

    private Participant(String name, Browser browser, BrowserContext context, Page page) {
        this.name = name;
        this.browser = browser;
        this.context = context;
        this.page = page;
    }

    static Playwright playwright() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: install it with apt-get install chromium"
                    + " (bin/test does)");
        }
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /**
     * Opens the call page (not yet joined) with {@code micWav} as the microphone. With {@code reducedMotion} the
     * browser asks for reduced motion, so the page keeps its spectrogram still: headless Chromium has no GPU, and a
     * moving page costs each browser a third of a core, which starves the calls' jitter buffers on 2 cores.
     */
    static Participant open(Playwright playwright, String name, Path micWav, String baseUrl, String query,
            boolean reducedMotion) {
        List<String> args = new ArrayList<>(FLAGS);
        args.add("--use-file-for-fake-audio-capture=" + micWav.toAbsolutePath());
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(args));
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1100, 900).setReducedMotion(reducedMotion ? ReducedMotion.REDUCE : ReducedMotion.NO_PREFERENCE));
        context.grantPermissions(List.of("microphone"), new BrowserContext.GrantPermissionsOptions()
                .setOrigin(baseUrl));
        context.setDefaultTimeout(20_000);
        Page page = context.newPage();
        Participant p = new Participant(name, browser, context, page);
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                p.consoleErrors.add(m.text());
            }
        });
        page.onPageError(e -> p.consoleErrors.add("uncaught: " + e));
        page.navigate(baseUrl + "/" + (query == null ? "" : query));
        return p;
    }

    /** Fills the lobby and joins; echo cancellation off so the file reaches the page unaltered. */
    void join(String room) {
        page.fill("#name", name);
        page.fill("#room", room);
        page.uncheck("#echo-cancellation");
        page.click("#join");
        page.waitForSelector("body[data-phase=call]");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(CAPTURE_SCRIPT));
    }

    /** Waits until the page shows {@code count} connected peers. */
    void waitForConnectedPeers(int count) {
        page.waitForFunction("n => document.querySelectorAll('.peer[data-state=connected]').length === n", count,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
    }

    /** Waits until the suppressor state badge shows one of the given states, and returns it. */
    String waitForSuppressorState(String... states) {
        page.waitForFunction("states => states.includes(document.getElementById('ns-state').dataset.state)",
                List.of(states), new Page.WaitForFunctionOptions().setTimeout(20_000));
        return suppressorState();
    }

    String suppressorState() {
        return (String) page.evaluate("document.getElementById('ns-state').dataset.state");
    }

    String text(String selector) {
        return page.textContent(selector);
    }

    boolean visible(String selector) {
        return page.locator(selector).isVisible();
    }

    void waitVisible(String selector) {
        page.waitForSelector(selector, new Page.WaitForSelectorOptions().setState(WaitForSelectorState.VISIBLE));
    }

    /** What this page received from {@code peer} over the call, {@code seconds} long. */
    Recording recordPeer(String peer, double seconds) {
        return Recording.of(page.evaluate("([n, s]) => window.hushTest.recordPeer(n, s)", List.of(peer, seconds)));
    }

    List<Recording> recordPeers(List<String> peers, double seconds) {
        Object result = page.evaluate("([n, s]) => window.hushTest.recordPeers(n, s)", List.of(peers, seconds));
        List<Recording> out = new ArrayList<>();
        for (Object o : (List<?>) result) {
            out.add(Recording.of(o));
        }
        return out;
    }

    /** The microphone before and after the suppressor on this page (each with its start frame). */
    List<Recording> recordLocal(double seconds) {
        Object result = page.evaluate("s => window.hushTest.recordLocal(s)", seconds);
        List<Recording> out = new ArrayList<>();
        for (Object o : (List<?>) result) {
            out.add(Recording.of(o));
        }
        return out;
    }

    /** Starts recording {@code peer} without waiting; {@link #collect} returns it. */
    void startRecordingPeer(String key, String peer, double seconds) {
        page.evaluate("([k, n, s]) => { window.hushTest.startPeer(k, n, s); }", List.of(key, peer, seconds));
    }

    /** Starts recording the microphone before/after the suppressor without waiting. */
    void startRecordingLocal(String key, double seconds) {
        page.evaluate("([k, s]) => { window.hushTest.startLocal(k, s); }", List.of(key, seconds));
    }

    /** One recording (peer) or the list of them (local) started under {@code key}. */
    Object collect(String key) {
        return page.evaluate("k => window.hushTest.collect(k)", key);
    }

    /** Clicks the suppression switch; returns the wall-clock time (ms since the epoch) of the click. */
    double toggleSuppression() {
        return ((Number) page.evaluate("() => window.hushTest.toggleAt()")).doubleValue();
    }

    /**
     * The local suppressor's load record: how often it has bypassed itself for overload so far, whether it is
     * bypassed now, and the last compute time per frame. A measurement of what suppression does is void while the
     * suppressor has stepped aside for load (CPU-starved CI machines do that; {@code SuppressorStatesTest} checks
     * the bypass itself).
     */
    Load suppressorLoad() {
        Map<?, ?> m = (Map<?, ?>) page.evaluate("() => { const n = window.hush.local.suppressor;"
                + " if (!n) return null; const s = n.stats();"
                + " return { overloads: s.overloads, overloaded: s.overloaded, computeMs: s.computeMsPerFrame }; }");
        if (m == null) {
            throw new IllegalStateException(name + " has no suppressor");
        }
        return new Load(((Number) m.get("overloads")).intValue(), Boolean.TRUE.equals(m.get("overloaded")),
                m.get("computeMs") == null ? Double.NaN : ((Number) m.get("computeMs")).doubleValue());
    }

    /** Waits (up to {@code timeoutMs}) until the suppressor is not bypassed for load. */
    void waitUntilNotOverloaded(double timeoutMs) {
        page.waitForFunction("() => !window.hush.local.suppressor.stats().overloaded", null,
                new Page.WaitForFunctionOptions().setTimeout(timeoutMs));
    }

    record Load(int overloads, boolean overloaded, double computeMsPerFrame) {
        /** True when the suppressor bypassed itself at any time between {@code before} and this reading. */
        boolean bypassedSince(Load before) {
            return overloaded || before.overloaded || overloads != before.overloads;
        }
    }

    /** What a measurement returned, with this participant's suppressor load record before and after it. */
    record Watched<T>(T value, Load before, Load after) {
        /** The suppressor stepped aside for load during the measurement: what it measured is void. */
        boolean bypassed() {
            return after.bypassedSince(before);
        }

        String load() {
            return "sender's suppressor " + before + " -> " + after;
        }
    }

    interface Measurement<T> {
        T run() throws Exception;
    }

    /**
     * Runs {@code measurement} (once the suppressor is not bypassed, waiting up to 10 s) and reads the load record
     * around it; the record after waits for the worklet's next stats (every 0.5 s), which carry the overload count.
     */
    <T> Watched<T> watchingLoad(Measurement<T> measurement) throws Exception {
        waitUntilNotOverloaded(10_000);
        Load before = suppressorLoad();
        T value = measurement.run();
        Thread.sleep(600);
        return new Watched<>(value, before, suppressorLoad());
    }

    void screenshot(Path file) {
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            browser.close();
        }
    }

    private static String resource(String name) {
        try (InputStream in = Participant.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Audio a page recorded, with the wall-clock time of its first sample. */
    record Recording(float[] samples, int sampleRate, double startMs, long startFrame) {
        static Recording of(Object evaluated) {
            Map<?, ?> m = (Map<?, ?>) evaluated;
            return new Recording(Audio.decodeFloat32((String) m.get("pcm")),
                    ((Number) m.get("sampleRate")).intValue(),
                    m.get("startMs") == null ? Double.NaN : ((Number) m.get("startMs")).doubleValue(),
                    m.get("startFrame") == null ? -1 : ((Number) m.get("startFrame")).longValue());
        }
    }
}
