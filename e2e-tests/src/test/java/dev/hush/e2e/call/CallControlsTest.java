package dev.hush.e2e.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Create a room, invite by link, mute, the attenuation limit, suppressing what you hear, leave. */
class CallControlsTest extends CallTestBase {

    @Test
    @Timeout(60)
    void createInviteMuteLimitListenLeave() throws Exception {
        Participant ann = open("Ann", micFile("controls-ann", TestSignal.create(TestSignal.Marker.UP, 5, -35, 61)));
        Participant bob = open("Bob", micFile("controls-bob", TestSignal.create(TestSignal.Marker.DOWN, 5, -35, 62)));
        ann.context.grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin(server.baseUrl()));

        // Ann creates an unguessable room and copies the invite link.
        ann.page.fill("#name", "Ann");
        ann.page.uncheck("#echo-cancellation");
        ann.page.click("#create");
        ann.page.waitForSelector("body[data-phase=call]");
        ann.page.click("#copy-link");
        String link = (String) ann.page.evaluate("() => navigator.clipboard.readText()");
        assertTrue(link.startsWith(server.baseUrl() + "/?room=r-"), link);
        assertTrue(((String) ann.page.evaluate("() => location.search")).startsWith("?room=r-"));

        // Bob pastes the link into the room field.
        bob.join(link);
        ann.waitForConnectedPeers(1);
        bob.waitForConnectedPeers(1);

        // Mute: Bob hears nothing from Ann; unmute: back.
        ann.page.click("#mute");
        assertEquals("true", ann.page.getAttribute("#mute", "aria-pressed"));
        Thread.sleep(400);
        double muted = level(bob.recordPeer("Ann", 1.0).samples());
        ann.page.click("#mute");
        Thread.sleep(400);
        double unmuted = level(bob.recordPeer("Ann", 1.0).samples());
        assertTrue(muted < -80 && unmuted > -50, "muted " + muted + " dBFS, unmuted " + unmuted + " dBFS");

        // Another microphone: the outgoing track stays, so the call goes on without renegotiation.
        List<?> mics = (List<?>) ann.page.evaluate("() => [...document.querySelectorAll('#mic-select option')].map(o => o.value)");
        assertTrue(mics.size() >= 2, "fake devices: " + mics);
        String current = ann.page.inputValue("#mic-select");
        String other = (String) mics.stream().filter(m -> !m.equals(current)).findFirst().orElseThrow();
        ann.page.selectOption("#mic-select", other);
        ann.page.waitForFunction("id => window.hush.local.deviceId === id", other);
        Thread.sleep(300);
        double switched = level(bob.recordPeer("Ann", 1.0).samples());
        assertTrue(switched > -50, "after switching microphones Bob hears " + switched + " dBFS");
        assertEquals("", ann.text("#call-error"));

        // The attenuation limit reaches the suppressor.
        ann.page.fill("#atten-limit", "12");
        assertEquals("12 dB", ann.text("#atten-limit-value"));
        assertEquals(12.0, ((Number) ann.page.evaluate("() => window.hush.local.suppressor.attenuationLimitDb")).doubleValue());

        // Bob cleans up what he hears from Ann with his own suppressor.
        bob.page.check(".peer-suppress");
        bob.page.waitForFunction("() => document.querySelector('.peer-ns').textContent.includes('your own noise suppressor')");
        assertEquals(Boolean.TRUE, bob.page.evaluate("() => document.querySelector('.peer audio').muted"));
        bob.page.uncheck(".peer-suppress");
        assertEquals(Boolean.FALSE, bob.page.evaluate("() => document.querySelector('.peer audio').muted"));

        // Bob leaves: Ann's tile for him goes; Bob is back in the lobby with the room filled in.
        bob.page.click("#leave");
        // Leaving loads a fresh page whose lobby script fills the room in.
        bob.page.waitForFunction("() => document.body.dataset.phase === 'lobby'"
                + " && document.getElementById('room').value.startsWith('r-')");
        ann.page.waitForFunction("() => document.querySelectorAll('.peer').length === 0");
        assertTrue(ann.visible("#alone"));
        assertEquals(List.of(), ann.consoleErrors);
        assertEquals(List.of(), bob.consoleErrors);
    }

    @Test
    @Timeout(60)
    void badRoomNamesAndMissingNamesAreExplained() throws Exception {
        Participant ann = open("Ann", micFile("lobby-ann", TestSignal.create(TestSignal.Marker.UP, 5, -35, 63)));
        ann.page.fill("#name", "");
        ann.page.fill("#room", "ok-room");
        ann.page.click("#join");
        assertTrue(ann.text("#lobby-error").contains("name"), ann.text("#lobby-error"));
        ann.page.fill("#name", "Ann");
        ann.page.fill("#room", "no spaces/allowed");
        ann.page.click("#join");
        assertTrue(ann.text("#lobby-error").contains("room name"), ann.text("#lobby-error"));
        assertEquals("lobby", ann.page.getAttribute("body", "data-phase"));
    }

    private static double level(float[] x) {
        return Audio.dbfs(TestSignal.rms(x, 0, x.length));
    }
}
