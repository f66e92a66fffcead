package dev.hush.e2e.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full room (capacity 2, the server's minimum) is refused with a plain explanation, in the lobby, without console errors. */
class RoomFullTest extends CallTestBase {
    @Override
    List<String> serverFlags() {
        return List.of("--room-capacity", "2");
    }

    @Test
    @Timeout(60)
    void aFullRoomIsExplained() throws Exception {
        Participant ann = open("Ann", micFile("full-ann", TestSignal.create(TestSignal.Marker.UP, 5, -35, 71)));
        Participant bob = open("Bob", micFile("full-bob", TestSignal.create(TestSignal.Marker.DOWN, 5, -35, 72)));
        Participant cid = open("Cid", micFile("full-cid", TestSignal.create(TestSignal.Marker.LEVEL, 5, -35, 73)));
        ann.join("tiny-room");
        bob.join("tiny-room");
        cid.page.fill("#name", "Cid");
        cid.page.fill("#room", "tiny-room");
        cid.page.click("#join");
        cid.page.waitForFunction("() => document.getElementById('lobby-error').textContent.length > 0");
        assertTrue(cid.text("#lobby-error").contains("room is full"), cid.text("#lobby-error"));
        assertEquals("lobby", cid.page.getAttribute("body", "data-phase"));
        assertEquals(Boolean.FALSE, cid.page.isDisabled("#join"), "Cid can try again");
        ann.waitForConnectedPeers(1);
        for (Participant p : participants) {
            assertEquals(List.of(), p.consoleErrors, "console errors at " + p.name);
        }
    }
}
