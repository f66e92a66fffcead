package dev.hush.e2e.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The honest states of the call page: loading, ready, unsupported browser, model failing its integrity check or
 * missing, overload, server connection lost. Whenever suppression cannot run the call goes on with the
 * microphone passed through, and the page says why.
 */
class SuppressorStatesTest extends CallTestBase {
    private static final String FAKE_SHA = "0123456789abcdef".repeat(4);
    private static final String FAKE_MANIFEST = "{\"models\":[{\"name\":\"hush-test\",\"version\":\"7\",\"sha256\":\""
            + FAKE_SHA + "\",\"size\":16,\"url\":\"/models/hush-test-" + FAKE_SHA + ".bin\"}],\"default\":\"hush-test\"}";

    private Path mic(String name) throws Exception {
        return micFile("states-" + name, TestSignal.create(TestSignal.Marker.UP, 5, -35, 3));
    }

    @Test
    @Timeout(60)
    void loadingThenReady() throws Exception {
        Participant ann = open("Ann", mic("loading"));
        // Hold the .wasm download (a main-thread fetch) until the loading state has been seen.
        AtomicReference<Route> held = new AtomicReference<>();
        ann.page.route("**/wasm/hush-dsp.wasm", held::set);
        ann.join("loading-test");
        assertEquals("loading", ann.waitForSuppressorState("loading"));
        assertTrue(ann.text("#ns-state").contains("sent as is"), ann.text("#ns-state"));
        // Meanwhile the microphone goes out unprocessed.
        ann.page.waitForFunction("() => Number(document.getElementById('meter-out').dataset.db) > -60");
        ann.page.waitForCondition(() -> held.get() != null);
        held.get().resume();
        assertEquals("ready", ann.waitForSuppressorState("ready"));
        assertEquals("true", ann.page.getAttribute("#ns-toggle", "aria-checked"));
        assertEquals(List.of(), ann.consoleErrors);
    }

    @Test
    @Timeout(60)
    void unsupportedBrowserPassesThrough() throws Exception {
        Participant ann = open("Ann", mic("unsupported-ann"));
        Participant bob = open("Bob", mic("unsupported-bob"));
        // A browser without WebAssembly GC (as Chromium < 119): validation of GC types fails.
        ann.page.addInitScript("{ const v = WebAssembly.validate; WebAssembly.validate = (b) => false; }");
        ann.page.reload();
        ann.join("unsupported-test");
        bob.join("unsupported-test");
        assertEquals("unsupported", ann.waitForSuppressorState("unsupported"));
        assertTrue(ann.text("#ns-state").contains("WebAssembly GC is not supported"), ann.text("#ns-state"));
        assertTrue(ann.text("#ns-state").contains("sent as is"), ann.text("#ns-state"));
        assertTrue(ann.page.isDisabled("#ns-toggle"), "the switch is disabled when nothing can be switched");
        bob.waitForConnectedPeers(1);
        assertAudioArrives(bob, "Ann");
        assertEquals(List.of(), ann.consoleErrors);
    }

    @Test
    @Timeout(60)
    void modelFailingItsIntegrityCheckPassesThrough() throws Exception {
        Participant ann = open("Ann", mic("corrupt-ann"));
        Participant bob = open("Bob", mic("corrupt-bob"));
        serveFakeModel(ann.page, 200, "these are not the weights".getBytes(StandardCharsets.UTF_8));
        ann.join("corrupt-model-test");
        bob.join("corrupt-model-test");
        assertEquals("model-failed", ann.waitForSuppressorState("model-failed"));
        String text = ann.text("#ns-state");
        assertTrue(text.contains("SHA-256") && text.contains("sent as is"), text);
        bob.waitForConnectedPeers(1);
        assertAudioArrives(bob, "Ann");
        assertEquals(List.of(), ann.consoleErrors);
    }

    @Test
    @Timeout(60)
    void missingModelPassesThrough() throws Exception {
        Participant ann = open("Ann", mic("missing-ann"));
        serveFakeModel(ann.page, 404, "no such model".getBytes(StandardCharsets.UTF_8));
        ann.join("missing-model-test");
        assertEquals("model-failed", ann.waitForSuppressorState("model-failed"));
        assertTrue(ann.text("#ns-state").contains("404"), ann.text("#ns-state"));
        ann.page.waitForFunction("() => Number(document.getElementById('meter-out').dataset.db) > -60");
        // A failed download is a console error by the browser's own account; nothing else may be.
        assertEquals(List.of(), ann.consoleErrors.stream().filter(e -> !e.contains("404")).toList());
    }

    @Test
    @Timeout(60)
    void overloadBypassesAndRecovers() throws Exception {
        Participant ann = open("Ann", mic("overload"));
        ann.join("overload-test");
        ann.waitForSuppressorState("ready");
        Participant.Load calm = ann.suppressorLoad();
        // The API's test parameter adds to the measured compute time: 20 ms per 10 ms frame is twice real time.
        ann.page.evaluate("() => window.hush.local.suppressor.parameters.get('testExtraComputeMs').value = 20");
        assertEquals("overload", ann.waitForSuppressorState("overload"));
        assertTrue(ann.text("#ns-state").contains("bypassed automatically"), ann.text("#ns-state"));
        // What the call tests read to void a measurement taken while the suppressor stepped aside.
        Participant.Load overloaded = ann.suppressorLoad();
        assertTrue(overloaded.overloaded() && overloaded.bypassedSince(calm), calm + " -> " + overloaded);
        ann.page.evaluate("() => window.hush.local.suppressor.parameters.get('testExtraComputeMs').value = 0");
        assertEquals("ready", ann.waitForSuppressorState("ready"));
        ann.waitUntilNotOverloaded(5_000);
        Participant.Load recovered = ann.suppressorLoad();
        assertTrue(!recovered.overloaded() && recovered.overloads() >= 1 && recovered.bypassedSince(calm)
                && !recovered.bypassedSince(recovered), calm + " -> " + recovered);
        assertEquals(List.of(), ann.consoleErrors);
    }

    @Test
    @Timeout(60)
    void phoneWidthHasNoHorizontalScroll() throws Exception {
        Participant ann = open("Ann", mic("phone-ann"));
        Participant bob = open("Bob", mic("phone-bob"));
        ann.page.setViewportSize(375, 740);
        ann.join("phone-test");
        bob.join("phone-test");
        ann.waitForConnectedPeers(1);
        ann.waitForSuppressorState("ready");
        Object overflow = ann.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        assertEquals(0, ((Number) overflow).intValue(), "horizontal overflow in px at 375 px wide");
        Files.createDirectories(REPORTS);
        ann.screenshot(REPORTS.resolve("call-at-phone-width.png"));
    }

    private static void serveFakeModel(Page page, int status, byte[] body) {
        page.route("**/models/manifest.json", r -> r.fulfill(new Route.FulfillOptions()
                .setStatus(200).setContentType("application/json").setBody(FAKE_MANIFEST)));
        page.route("**/models/hush-test-*.bin", r -> r.fulfill(new Route.FulfillOptions()
                .setStatus(status).setContentType("application/octet-stream").setBodyBytes(body)));
    }

    /** Speech-level audio from {@code from} reaches {@code at}, over the call. */
    static void assertAudioArrives(Participant at, String from) {
        float[] got = at.recordPeer(from, 1.5).samples();
        double db = Audio.dbfs(TestSignal.rms(got, 0, got.length));
        assertTrue(db > -45, "received level from " + from + " is " + db + " dBFS");
        assertFalse(Double.isNaN(db));
    }
}
