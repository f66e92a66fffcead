package dev.hush.e2e.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The call page in a real two-browser call: join, see each other, the switch, the views, no console errors. */
class CallPageTest extends CallTestBase {
    @Override
    boolean fullMotion() {
        return true;
    }

    @Test
    @Timeout(60)
    void twoPeopleCallWithSuppressionOnByDefault() throws Exception {
        TestSignal signal = TestSignal.create(TestSignal.Marker.UP, 5, -35, 1);
        Path mic = micFile("page-ann", signal);
        Participant ann = open("Ann", mic);
        Participant bob = open("Bob", micFile("page-bob", TestSignal.create(TestSignal.Marker.DOWN, 5, -35, 2)));
        ann.join("page-test");
        bob.join("page-test");
        ann.waitForConnectedPeers(1);
        bob.waitForConnectedPeers(1);

        assertEquals("Bob", ann.text(".peer .peer-name"));
        assertEquals("Ann", bob.text(".peer .peer-name"));
        assertEquals("ready", ann.waitForSuppressorState("ready"));
        assertEquals("true", ann.page.getAttribute("#ns-toggle", "aria-checked"), "suppression is on by default");
        assertEquals("joined", ann.page.getAttribute("#conn-state", "data-state"));
        // Each remote peer has its own audio element playing the call.
        assertEquals(Boolean.TRUE, bob.page.evaluate(
                "() => { const a = document.querySelector('.peer audio'); return !!a.srcObject && !a.paused; }"));

        // Live views: the meters move, the stats fill in.
        ann.page.waitForFunction("() => Number(document.getElementById('meter-in').dataset.db) > -60");
        bob.page.waitForFunction("() => Number(document.querySelector('.peer .meter').dataset.db) > -70");
        ann.page.waitForFunction("() => /ms$/.test(document.getElementById('stat-compute').textContent)");
        assertTrue(ann.text("#stat-realtime").endsWith("%"), ann.text("#stat-realtime"));
        assertTrue(!ann.text("#stat-model").equals("–"), "model shown: " + ann.text("#stat-model"));

        Files.createDirectories(REPORTS);
        ann.screenshot(REPORTS.resolve("two-person-call-ann.png"));
        bob.screenshot(REPORTS.resolve("two-person-call-bob.png"));
        assertEquals(List.of(), ann.consoleErrors, "console errors at Ann's");
        assertEquals(List.of(), bob.consoleErrors, "console errors at Bob's");
    }

    @Test
    @Timeout(60)
    void theSwitchWorksFromTheKeyboard() throws Exception {
        Participant ann = open("Ann", micFile("kbd-ann", TestSignal.create(TestSignal.Marker.UP, 5, -35, 1)));
        ann.join("keyboard-test");
        ann.waitForSuppressorState("ready");
        ann.page.focus("#ns-toggle");
        ann.page.keyboard().press("Space");
        ann.page.waitForFunction("() => document.getElementById('ns-toggle').getAttribute('aria-checked') === 'false'");
        assertEquals(Boolean.FALSE, ann.page.evaluate("() => window.hush.local.suppressor.enabled"));
        ann.page.keyboard().press("Enter");
        ann.page.waitForFunction("() => document.getElementById('ns-toggle').getAttribute('aria-checked') === 'true'");
        // The shortcut outside text fields.
        ann.page.focus("body");
        ann.page.keyboard().press("n");
        ann.page.waitForFunction("() => document.getElementById('ns-toggle').getAttribute('aria-checked') === 'false'");
        // The node reports what was last asked for at once, not only after the audio thread rendered the change.
        assertEquals(List.of(true, false, 7.5), ann.page.evaluate("() => { const n = window.hush.local.suppressor;"
                + " n.enabled = true; const on = n.enabled; n.enabled = false; n.attenuationLimitDb = 7.5;"
                + " const r = [on, n.enabled, n.attenuationLimitDb]; n.attenuationLimitDb = Infinity; return r; }"));
        assertEquals(List.of(), ann.consoleErrors);
    }
}
