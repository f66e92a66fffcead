package dev.hush.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static dev.hush.server.TestClient.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Join tokens, rate limits, and a flood of bad input that must not disturb anyone else. */
@ExtendWith(VertxExtension.class)
class TokensAndAbuseTest {
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
  void tokensAdmitToOneRoomUntilTheyExpire(Vertx vertx) throws Exception {
    node = TestNodes.start("require-tokens", "true", "token-secret", "test-secret");
    JoinTokens tokens = new JoinTokens("test-secret");
    long now = System.currentTimeMillis() / 1000;
    TestClient c = client(vertx);

    c.send(msg("join").put("room", "vip").put("name", "C"));
    c.expectError(Protocol.TOKEN_REQUIRED);
    c.send(msg("join").put("room", "vip").put("name", "C").put("token", tokens.mint("other-room", now + 60)));
    c.expectError(Protocol.TOKEN_INVALID);
    c.send(msg("join").put("room", "vip").put("name", "C")
        .put("token", new JoinTokens("wrong-secret").mint("vip", now + 60)));
    c.expectError(Protocol.TOKEN_INVALID);
    String valid = tokens.mint("vip", now + 60);
    String tampered = (now + 6000) + valid.substring(valid.indexOf('.'));
    c.send(msg("join").put("room", "vip").put("name", "C").put("token", tampered));
    c.expectError(Protocol.TOKEN_INVALID);
    c.send(msg("join").put("room", "vip").put("name", "C").put("token", tokens.mint("vip", now - 1)));
    c.expectError(Protocol.TOKEN_EXPIRED);
    c.join("vip", "C", valid);

    // Rooms created over HTTP come with a token for that room only.
    // 30 s, not 10: one clean-clone CI run saw this first POST of the JVM stall for over 10 s (cause not found;
    // the same test passes in 3.7 s here). A stall is still a failure, only a longer one.
    HttpClient http = vertx.createHttpClient();
    JsonObject created = http.request(HttpMethod.POST, node.port(), "127.0.0.1", "/api/rooms")
        .compose(req -> req.send()).compose(res -> {
          assertEquals(201, res.statusCode());
          return res.body();
        }).map(Buffer::toJsonObject).await(30, TimeUnit.SECONDS);
    String room = created.getString("room");
    assertTrue(room.startsWith("r-") && room.length() >= 24, room);
    assertTrue(created.getString("link").contains("token="));
    TestClient d = client(vertx);
    d.send(msg("join").put("room", "vip").put("name", "D").put("token", created.getString("token")));
    d.expectError(Protocol.TOKEN_INVALID);
    d.join(room, "D", created.getString("token"));
  }

  @Test
  void unguessableRoomsWithoutTokens(Vertx vertx) throws Exception {
    node = TestNodes.start();
    HttpClient http = vertx.createHttpClient();
    List<String> rooms = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject created = http.request(HttpMethod.POST, node.port(), "127.0.0.1", "/api/rooms")
          .compose(req -> req.send()).compose(res -> res.body()).map(Buffer::toJsonObject)
          .await(10, TimeUnit.SECONDS);
      assertFalse(created.containsKey("token"));
      assertEquals("/?room=" + created.getString("room"), created.getString("link"));
      rooms.add(created.getString("room"));
    }
    assertEquals(3, rooms.stream().distinct().count());
    client(vertx).join(rooms.get(0), "A");
  }

  @Test
  void rateLimitRefusesABurstOnceThenRecovers(Vertx vertx) throws Exception {
    node = TestNodes.start("rate-limit", "5", "rate-burst", "10");
    TestClient c = client(vertx);
    for (int i = 0; i < 30; i++) {
      c.send(msg("ping").put("id", i));
    }
    for (int i = 0; i < 10; i++) {
      assertEquals(i, c.expect("pong").getInteger("ref"));
    }
    c.expectError(Protocol.RATE_LIMITED);
    c.expectSilence(150);
    Thread.sleep(400);
    c.send(msg("ping").put("id", "again"));
    assertEquals("again", c.expect("pong").getString("ref"));
  }

  /**
   * Thousands of malformed, oversized, binary and unknown messages from several connections, while a call in
   * another room goes on: every bad message gets an error to its sender only, the call is never disturbed,
   * and the server stays healthy.
   */
  @Test
  void floodOfBadInputHarmsNoOne(Vertx vertx) throws Exception {
    node = TestNodes.start("rate-limit", "100000", "rate-burst", "100000");
    TestClient ann = client(vertx);
    TestClient bob = client(vertx);
    ann.join("calm", "Ann");
    bob.join("calm", "Bob");
    ann.expect("peer-joined");

    Random random = new Random(7);
    List<String> junk = new ArrayList<>();
    junk.add("");
    junk.add("{");
    junk.add("null");
    junk.add("[1,2,3]");
    junk.add("\"just a string\"");
    junk.add("{\"type\":\"join\",\"room\":\"calm\",\"name\":\"X\"}");
    junk.add("{\"v\":2,\"type\":\"ping\"}");
    junk.add("{\"v\":\"1\",\"type\":\"ping\"}");
    junk.add("{\"v\":1,\"type\":\"explode\"}");
    junk.add("{\"v\":1,\"type\":42}");
    junk.add("{\"v\":1,\"type\":\"ping\",\"extra\":true}");
    junk.add("{\"v\":1,\"type\":\"join\",\"room\":\"../etc\",\"name\":\"X\"}");
    junk.add("{\"v\":1,\"type\":\"join\",\"room\":\"calm\",\"name\":{\"html\":1}}");
    junk.add("{\"v\":1,\"type\":\"offer\",\"to\":\"" + ann.peerId + "\",\"sdp\":\"x\"}");
    junk.add("{\"v\":1,\"type\":\"candidate\",\"to\":\"AAAAAAAAAAAAAAAA\",\"candidate\":{\"candidate\":1}}");
    junk.add("{\"v\":1,\"type\":\"offer\",\"to\":\"" + "x".repeat(300) + "\",\"sdp\":\"x\"}");
    junk.add("{\"v\":1,\"type\":\"ping\",\"id\":\"" + "i".repeat(100) + "\"}");
    junk.add("{\"v\":1,\"type\":\"leave\"}");
    junk.add("{\"v\":1,\"type\":\"ping\"".repeat(1000));
    junk.add("{\"v\":1,\"type\":\"offer\",\"to\":\"AAAAAAAAAAAAAAAA\",\"sdp\":\"" + "s".repeat(70_000) + "\"}");
    junk.add("[".repeat(5000) + "]".repeat(5000));

    int perConnection = 1_000;
    List<TestClient> attackers = new ArrayList<>();
    for (int a = 0; a < 3; a++) {
      attackers.add(client(vertx));
    }
    for (TestClient attacker : attackers) {
      for (int i = 0; i < perConnection; i++) {
        if (i % 50 == 49) {
          attacker.sendBinary(new byte[] {1, 2, 3});
        } else if (i % 10 == 9) {
          byte[] noise = new byte[random.nextInt(200)];
          random.nextBytes(noise);
          attacker.sendRaw(new String(noise, java.nio.charset.StandardCharsets.ISO_8859_1));
        } else {
          attacker.sendRaw(junk.get(random.nextInt(junk.size())));
        }
      }
    }
    // The call goes on, undisturbed, while the junk is being processed.
    for (int i = 0; i < 50; i++) {
      ann.send(msg("candidate").put("to", bob.peerId)
          .put("candidate", new JsonObject().put("candidate", "c" + i).put("sdpMid", "0").put("sdpMLineIndex", 0)));
      assertEquals("c" + i, bob.expect("candidate").getJsonObject("candidate").getString("candidate"));
    }
    for (TestClient attacker : attackers) {
      for (int i = 0; i < perConnection; i++) {
        JsonObject reply = attacker.next();
        assertEquals("error", reply.getString("type"), reply::encode);
      }
      attacker.send(msg("ping"));
      attacker.expect("pong");
      assertFalse(attacker.ws.isClosed(), "bad input gets errors, not disconnection");
    }
    ann.expectSilence(200);
    bob.expectSilence(50);
    ann.send(msg("ping"));
    ann.expect("pong");
    assertEquals(5, node.hub().connectionCount());
    assertEquals(2, node.hub().peerCount());
  }

  @Test
  void tooLargeMessagesAreRefusedAndHugeOnesDisconnect(Vertx vertx) throws Exception {
    node = TestNodes.start("max-message-bytes", "65536");
    TestClient ann = client(vertx);
    TestClient bob = client(vertx);
    ann.join("big", "Ann");
    bob.join("big", "Bob");
    ann.expect("peer-joined");
    ann.send(msg("offer").put("to", bob.peerId).put("sdp", "s".repeat(64_000)));
    assertEquals(64_000, bob.expect("offer").getString("sdp").length());
    ann.send(msg("offer").put("to", bob.peerId).put("sdp", "s".repeat(66_000)));
    ann.expectError(Protocol.TOO_LARGE);
    // Multi-byte characters count as bytes, not chars.
    ann.send(msg("offer").put("to", bob.peerId).put("sdp", "é".repeat(33_000)));
    ann.expectError(Protocol.TOO_LARGE);
    bob.expectSilence(100);
    // Beyond four times the limit the WebSocket layer itself closes the connection (1009): only this one.
    TestClient hog = client(vertx);
    hog.sendRaw("x".repeat(300_000));
    assertTrue(hog.awaitClosed(5_000));
    ann.send(msg("ping"));
    ann.expect("pong");
    bob.expectSilence(50);
  }
}
