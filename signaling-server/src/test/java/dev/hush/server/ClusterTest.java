package dev.hush.server;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.hush.server.TestClient.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Server nodes clustered with Hazelcast on loopback: peers on different nodes share rooms and capacity,
 * signal each other through the event bus, and hear "peer-left" when the other node dies or stops.
 */
@ExtendWith(VertxExtension.class)
class ClusterTest {
  /** A cluster of our own: other test runs on this machine may be forming clusters at the same time. */
  private final String clusterName = "hush-test-" + java.util.UUID.randomUUID();
  private final int[] ports = freePorts(3);
  private final String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
  private final List<ServerNode> nodes = new ArrayList<>();
  private final List<TestClient> clients = new ArrayList<>();

  @AfterEach
  void tearDown() {
    clients.forEach(TestClient::close);
    for (ServerNode n : nodes) {
      try {
        n.vertx().close().await(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a crashed node may not close cleanly; the JVM ends with the test run anyway
      }
    }
  }

  private static int[] freePorts(int count) {
    int[] found = new int[count];
    java.util.List<java.net.ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        found[i] = s.getLocalPort();
      }
      for (java.net.ServerSocket s : held) {
        s.close();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return found;
  }

  private ServerNode node(int index) throws Exception {
    ServerNode n = TestNodes.start("cluster", "true", "cluster-name", clusterName,
        "cluster-port", Integer.toString(ports[index]), "cluster-members", members, "instances", "1",
        "room-capacity", "3");
    nodes.add(n);
    return n;
  }

  private TestClient client(Vertx vertx, ServerNode n) throws Exception {
    TestClient c = TestClient.connect(vertx, n);
    clients.add(c);
    return c;
  }

  private static void awaitClusterSize(ServerNode n, int size) throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (n.clusterSize() != size && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    assertEquals(size, n.clusterSize(), "cluster did not form");
  }

  @Test
  void peersOnDifferentNodesSignalEachOtherAndHearOfNodeLoss(Vertx vertx) throws Exception {
    ServerNode a = node(0);
    ServerNode b = node(1);
    awaitClusterSize(a, 2);
    awaitClusterSize(b, 2);
    assertNotEquals(a.nodeId(), b.nodeId());

    TestClient ann = client(vertx, a);
    TestClient bob = client(vertx, b);
    ann.join("crossing", "Ann");
    JsonObject bobJoined = bob.join("crossing", "Bob");
    assertEquals(1, bobJoined.getJsonArray("peers").size());
    assertEquals(ann.peerId, bobJoined.getJsonArray("peers").getJsonObject(0).getString("id"));
    assertEquals(bob.peerId, ann.expect("peer-joined").getJsonObject("peer").getString("id"));

    bob.send(msg("offer").put("to", ann.peerId).put("sdp", "offer from node b"));
    JsonObject offer = ann.expect("offer");
    assertEquals(bob.peerId, offer.getString("from"));
    assertEquals("offer from node b", offer.getString("sdp"));
    ann.send(msg("answer").put("to", bob.peerId).put("sdp", "answer from node a"));
    assertEquals("answer from node a", bob.expect("answer").getString("sdp"));
    ann.send(msg("candidate").put("to", bob.peerId).putNull("candidate"));
    assertEquals(ann.peerId, bob.expect("candidate").getString("from"));

    // Capacity (3) holds across nodes.
    TestClient cleo = client(vertx, a);
    cleo.join("crossing", "Cleo");
    ann.expect("peer-joined");
    bob.expect("peer-joined");
    TestClient dave = client(vertx, b);
    dave.send(msg("join").put("room", "crossing").put("name", "Dave"));
    dave.expectError(Protocol.ROOM_FULL);

    // Node b dies without a word: its peers are gone for the peers on node a.
    String bobId = bob.peerId;
    b.crashForTest();
    for (TestClient survivor : List.of(ann, cleo)) {
      JsonObject left = survivor.next();
      assertEquals("peer-left", left.getString("type"), left::encode);
      assertEquals(bobId, left.getString("peerId"));
      assertEquals("node-lost", left.getString("reason"));
    }
    ann.send(msg("offer").put("to", bobId).put("sdp", "x"));
    ann.expectError(Protocol.UNKNOWN_PEER);
    // The dead node's seat is free again.
    awaitClusterSize(a, 1);
    TestClient erin = client(vertx, a);
    assertEquals(2, erin.join("crossing", "Erin").getJsonArray("peers").size());
    ann.expect("peer-joined");
    cleo.expect("peer-joined");

    // A node that stops gracefully tells the other nodes' peers with reason server-shutdown.
    ServerNode c = node(2);
    awaitClusterSize(a, 2);
    TestClient cleoLeaves = cleo;
    cleoLeaves.send(msg("leave"));
    cleoLeaves.expect("left");
    ann.expect("peer-left");
    erin.expect("peer-left");
    TestClient finn = client(vertx, c);
    finn.join("crossing", "Finn");
    ann.expect("peer-joined");
    erin.expect("peer-joined");
    c.shutdown("maintenance").await(30, TimeUnit.SECONDS);
    nodes.remove(c);
    JsonObject left = ann.expect("peer-left");
    assertEquals(finn.peerId, left.getString("peerId"));
    assertEquals("server-shutdown", left.getString("reason"));
    assertTrue(finn.awaitClosed(5_000));
  }
}
