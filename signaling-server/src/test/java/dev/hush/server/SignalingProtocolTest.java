package dev.hush.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static dev.hush.server.TestClient.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The protocol end to end, with real WebSocket clients against a real server on loopback. */
@ExtendWith(VertxExtension.class)
class SignalingProtocolTest {
  private ServerNode node;
  private final List<TestClient> clients = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(TestClient::close);
    TestNodes.stop(node);
  }

  private TestClient client(Vertx vertx) throws Exception {
    TestClient c = TestClient.connect(vertx, node);
    clients.add(c);
    return c;
  }

  @Test
  void joinRelayLeaveAndKeepAlive(Vertx vertx) throws Exception {
    node = TestNodes.start("ice-servers", "[{\"urls\":\"stun:stun.example.org:3478\"}]");
    TestClient ann = client(vertx);
    TestClient bob = client(vertx);

    JsonObject annJoined = ann.join("standup", "Ann");
    assertTrue(Protocol.PEER_ID.matcher(annJoined.getString("peerId")).matches());
    assertEquals(new JsonArray(), annJoined.getJsonArray("peers"));
    assertEquals("stun:stun.example.org:3478", annJoined.getJsonArray("iceServers").getJsonObject(0).getString("urls"));
    assertEquals(8, annJoined.getInteger("capacity"));

    JsonObject bobJoined = bob.join("standup", "Bob");
    assertNotEquals(ann.peerId, bob.peerId);
    assertEquals(new JsonArray().add(new JsonObject().put("id", ann.peerId).put("name", "Ann")),
        bobJoined.getJsonArray("peers"));
    JsonObject joinedEvent = ann.expect("peer-joined");
    assertEquals(new JsonObject().put("id", bob.peerId).put("name", "Bob"), joinedEvent.getJsonObject("peer"));

    bob.send(msg("offer").put("to", ann.peerId).put("sdp", "v=0 offer-sdp"));
    JsonObject offer = ann.expect("offer");
    assertEquals(bob.peerId, offer.getString("from"));
    assertEquals("v=0 offer-sdp", offer.getString("sdp"));
    assertTrue(!offer.containsKey("to"), "the relayed copy names the sender, not the target");

    ann.send(msg("answer").put("to", bob.peerId).put("sdp", "v=0 answer-sdp"));
    assertEquals("v=0 answer-sdp", bob.expect("answer").getString("sdp"));

    JsonObject candidate = new JsonObject().put("candidate", "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host")
        .put("sdpMid", "0").put("sdpMLineIndex", 0).put("usernameFragment", "abcd");
    ann.send(msg("candidate").put("to", bob.peerId).put("candidate", candidate));
    JsonObject relayedCandidate = bob.expect("candidate");
    assertEquals(candidate, relayedCandidate.getJsonObject("candidate"));
    assertEquals(ann.peerId, relayedCandidate.getString("from"));
    ann.send(msg("candidate").put("to", bob.peerId).putNull("candidate"));
    assertTrue(bob.expect("candidate").containsKey("candidate"));

    bob.send(msg("ping").put("id", 42));
    assertEquals(42, bob.expect("pong").getInteger("ref"));

    String bobId = bob.peerId;
    bob.send(msg("leave").put("id", "bye"));
    assertEquals("bye", bob.expect("left").getString("ref"));
    JsonObject left = ann.expect("peer-left");
    assertEquals(bobId, left.getString("peerId"));
    assertEquals("left", left.getString("reason"));

    // After leaving, the connection can join again and gets a fresh id.
    bob.join("standup", "Bob");
    assertNotEquals(bobId, bob.peerId);
    ann.expect("peer-joined");
    String bobSecondId = bob.peerId;
    bob.close();
    JsonObject gone = ann.expect("peer-left");
    assertEquals(bobSecondId, gone.getString("peerId"));
    assertEquals("disconnected", gone.getString("reason"));
  }

  /**
   * Joins racing on two event loops: each peer must learn of every other member of its room exactly once,
   * either from its own peer list or from a peer-joined event.
   */
  @Test
  void concurrentJoinsGiveEveryPeerTheRoomExactlyOnce(Vertx vertx) throws Exception {
    node = TestNodes.start("instances", "2");
    int rooms = 30;
    int perRoom = 4;
    List<TestClient> all = new ArrayList<>();
    for (int i = 0; i < rooms * perRoom; i++) {
      all.add(client(vertx));
    }
    for (int i = 0; i < all.size(); i++) {
      all.get(i).send(msg("join").put("room", "race-" + (i % rooms)).put("name", "p" + i));
    }
    java.util.Map<String, java.util.Set<String>> roomMembers = new java.util.HashMap<>();
    java.util.Map<TestClient, List<String>> known = new java.util.HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      TestClient c = all.get(i);
      JsonObject joined = c.expect("joined");
      c.peerId = joined.getString("peerId");
      roomMembers.computeIfAbsent("race-" + (i % rooms), r -> new java.util.HashSet<>()).add(c.peerId);
      List<String> ids = new ArrayList<>();
      joined.getJsonArray("peers").forEach(p -> ids.add(((JsonObject) p).getString("id")));
      known.put(c, ids);
    }
    for (int i = 0; i < all.size(); i++) {
      TestClient c = all.get(i);
      List<String> ids = known.get(c);
      while (ids.size() < perRoom - 1) {
        ids.add(c.expect("peer-joined").getJsonObject("peer").getString("id"));
      }
      c.expectSilence(i == 0 ? 200 : 1);
      java.util.Set<String> expected = new java.util.HashSet<>(roomMembers.get("race-" + (i % rooms)));
      expected.remove(c.peerId);
      assertEquals(expected, new java.util.HashSet<>(ids), "peer " + i);
      assertEquals(perRoom - 1, ids.size(), "no peer learned twice: " + ids);
    }
  }

  @Test
  void roomFullIsRefusedClearlyAndLeavesOthersAlone(Vertx vertx) throws Exception {
    node = TestNodes.start("room-capacity", "3");
    List<TestClient> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TestClient c = client(vertx);
      c.join("small", "P" + i);
      members.add(c);
    }
    members.get(0).expect("peer-joined");
    members.get(0).expect("peer-joined");
    members.get(1).expect("peer-joined");

    TestClient late = client(vertx);
    late.send(msg("join").put("room", "small").put("name", "Late").put("id", "j1"));
    JsonObject full = late.expectError(Protocol.ROOM_FULL);
    assertEquals("j1", full.getString("ref"));
    assertTrue(full.getString("message").contains("full"));
    for (TestClient m : members) {
      m.expectSilence(100);
    }
    // The refused connection can still use another room; and once a seat frees up, join this one.
    late.join("other", "Late");
    late.send(msg("leave"));
    late.expect("left");
    members.get(2).close();
    members.get(0).expect("peer-left");
    JsonObject joined = late.join("small", "Late");
    assertEquals(2, joined.getJsonArray("peers").size());
  }

  @Test
  void relayOnlyToPeersOfTheSameRoom(Vertx vertx) throws Exception {
    node = TestNodes.start();
    TestClient a = client(vertx);
    TestClient b = client(vertx);
    TestClient outsider = client(vertx);
    a.join("room-a", "A");
    b.join("room-b", "B");

    a.send(msg("offer").put("to", b.peerId).put("sdp", "x"));
    a.expectError(Protocol.UNKNOWN_PEER);
    a.send(msg("offer").put("to", a.peerId).put("sdp", "x"));
    a.expectError(Protocol.UNKNOWN_PEER);
    outsider.send(msg("offer").put("to", a.peerId).put("sdp", "x"));
    outsider.expectError(Protocol.NOT_IN_ROOM);
    outsider.send(msg("leave"));
    outsider.expectError(Protocol.NOT_IN_ROOM);
    a.send(msg("join").put("room", "room-c").put("name", "A"));
    a.expectError(Protocol.ALREADY_JOINED);
    b.expectSilence(100);
  }

  @Test
  void displayNamesAreDataNotMarkup(Vertx vertx) throws Exception {
    node = TestNodes.start();
    TestClient a = client(vertx);
    TestClient b = client(vertx);
    String name = "<img src=x onerror=alert(1)> & \"Zoë\" 😀";
    a.join("names", name);
    JsonObject joined = b.join("names", "B");
    assertEquals(name, joined.getJsonArray("peers").getJsonObject(0).getString("name"));

    TestClient c = client(vertx);
    c.send(msg("join").put("room", "names").put("name", "bad\u0000name"));
    c.expectError(Protocol.BAD_MESSAGE);
    c.send(msg("join").put("room", "names").put("name", "x".repeat(65)));
    c.expectError(Protocol.BAD_MESSAGE);
    c.send(msg("join").put("room", "names").put("name", "   "));
    c.expectError(Protocol.BAD_MESSAGE);
  }

  @Test
  void turnCredentialsFollowTheRestConvention(Vertx vertx) throws Exception {
    node = TestNodes.start("turn-secret", "s3cret", "turn-urls", "turn:turn.example.org:3478?transport=udp",
        "turn-ttl", "600");
    TestClient a = client(vertx);
    long before = System.currentTimeMillis() / 1000;
    JsonObject joined = a.join("turn", "A");
    JsonObject turn = joined.getJsonArray("iceServers").getJsonObject(0);
    String username = turn.getString("username");
    String[] parts = username.split(":");
    assertEquals(a.peerId, parts[1]);
    long expiry = Long.parseLong(parts[0]);
    assertTrue(expiry >= before + 600 && expiry <= before + 602, "expiry " + expiry);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
    mac.init(new javax.crypto.spec.SecretKeySpec("s3cret".getBytes(), "HmacSHA1"));
    String expected = java.util.Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes()));
    assertEquals(expected, turn.getString("credential"));
    assertEquals("turn:turn.example.org:3478?transport=udp", turn.getJsonArray("urls").getString(0));
  }

  @Test
  void idleConnectionsAreClosed(Vertx vertx) throws Exception {
    node = TestNodes.start("idle-timeout", "1");
    TestClient quiet = client(vertx);
    TestClient chatty = client(vertx);
    for (int i = 0; i < 8; i++) {
      chatty.send(msg("ping"));
      chatty.expect("pong");
      Thread.sleep(250);
    }
    quiet.expectError(Protocol.IDLE_TIMEOUT);
    assertTrue(quiet.awaitClosed(5_000));
    assertEquals(PeerSession.CLOSE_IDLE, quiet.closeCode());
    org.junit.jupiter.api.Assertions.assertFalse(chatty.ws.isClosed(), "a peer that pings stays connected");
  }

  @Test
  void foreignOriginsAreRefused(Vertx vertx) throws Exception {
    node = TestNodes.start();
    String self = "http://127.0.0.1:" + node.port();
    TestClient sameOrigin = TestClient.connect(vertx, node, self);
    clients.add(sameOrigin);
    sameOrigin.join("o", "A");
    Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> TestClient.connect(vertx, node, "https://evil.example"));
    assertTrue(String.valueOf(refused.getMessage()).contains("403"), refused.toString());
  }

  @Test
  void listedOriginsAreAllowed(Vertx vertx) throws Exception {
    node = TestNodes.start("allowed-origins", "https://call.example.org, https://other.example");
    clients.add(TestClient.connect(vertx, node, "https://call.example.org"));
    org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
        () -> TestClient.connect(vertx, node, "http://127.0.0.1:" + node.port()));
  }

  @Test
  void gracefulShutdownTellsPeers(Vertx vertx) throws Exception {
    node = TestNodes.start();
    TestClient a = client(vertx);
    a.join("bye", "A");
    node.shutdown("maintenance").await(10, java.util.concurrent.TimeUnit.SECONDS);
    JsonObject notice = a.expect("shutdown");
    assertEquals("maintenance", notice.getString("reason"));
    assertTrue(a.awaitClosed(5_000));
    assertEquals(PeerSession.CLOSE_GOING_AWAY, a.closeCode());
    node = null;
  }
}
