package dev.hush.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.hush.server.TestClient.msg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Join races forced into a chosen order: the directory admits peers in one order, but their joins complete
 * on this node in another (as with two event loops, or a cluster lock). Each peer must still learn of the
 * other exactly once.
 */
@ExtendWith(VertxExtension.class)
class JoinOrderTest {
  /** A directory whose join results are held back until the test releases them. */
  static final class HeldDirectory implements RoomDirectory {
    record Held(String name, Promise<List<Member>> promise, Context context, List<Member> result) {
    }

    final RoomDirectory inner;
    final LinkedBlockingQueue<Held> held = new LinkedBlockingQueue<>();

    HeldDirectory(RoomDirectory inner) {
      this.inner = inner;
    }

    @Override
    public Future<List<Member>> join(String room, Member member, int capacity) {
      Promise<List<Member>> p = Promise.promise();
      Context context = Vertx.currentContext();
      inner.join(room, member, capacity).onSuccess(r -> held.add(new Held(member.name(), p, context, r)));
      return p.future();
    }

    @Override
    public Future<Void> leave(String room, String peerId) {
      return inner.leave(room, peerId);
    }

    @Override
    public int roomCount() {
      return inner.roomCount();
    }

    Held next() throws InterruptedException {
      Held h = held.poll(10, TimeUnit.SECONDS);
      assertNotNull(h, "no join reached the directory");
      return h;
    }

    void release(Held h) {
      h.context().runOnContext(v -> h.promise().complete(h.result()));
    }
  }

  private ServerNode node;
  private final List<TestClient> clients = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(TestClient::close);
    TestNodes.stop(node);
  }

  private HeldDirectory start() throws Exception {
    HeldDirectory[] directory = new HeldDirectory[1];
    node = ServerNode.start(ServerConfig.defaults().with(Map.of("port", "0", "instances", "2")), inner -> {
      directory[0] = new HeldDirectory(inner);
      return directory[0];
    }).await(30, TimeUnit.SECONDS);
    return directory[0];
  }

  private TestClient client(Vertx vertx) throws Exception {
    TestClient c = TestClient.connect(vertx, node);
    clients.add(c);
    return c;
  }

  private static List<String> peerIds(JsonObject joined) {
    List<String> ids = new ArrayList<>();
    joined.getJsonArray("peers").forEach(p -> ids.add(((JsonObject) p).getString("id")));
    return ids;
  }

  @Test
  void laterAdmittedJoinCompletingFirst(Vertx vertx) throws Exception {
    HeldDirectory directory = start();
    TestClient ann = client(vertx);
    TestClient cai = client(vertx);
    ann.send(msg("join").put("room", "r").put("name", "Ann"));
    HeldDirectory.Held annHeld = directory.next();
    cai.send(msg("join").put("room", "r").put("name", "Cai"));
    HeldDirectory.Held caiHeld = directory.next();
    assertEquals("Ann", annHeld.name());
    assertEquals(1, caiHeld.result().size(), "the directory admitted Ann first");

    directory.release(caiHeld);
    JsonObject caiJoined = cai.expect("joined");
    directory.release(annHeld);
    JsonObject annJoined = ann.expect("joined");

    assertEquals(List.of(annJoined.getString("peerId")), peerIds(caiJoined));
    assertEquals(List.of(caiJoined.getString("peerId")), peerIds(annJoined));
    ann.expectSilence(200);
    cai.expectSilence(1);
  }

  @Test
  void departureBetweenAdmissionAndCompletion(Vertx vertx) throws Exception {
    HeldDirectory directory = start();
    TestClient ann = client(vertx);
    TestClient bob = client(vertx);
    ann.send(msg("join").put("room", "r").put("name", "Ann"));
    directory.release(directory.next());
    String annId = ann.expect("joined").getString("peerId");

    bob.send(msg("join").put("room", "r").put("name", "Bob"));
    HeldDirectory.Held bobHeld = directory.next();
    assertEquals(1, bobHeld.result().size(), "Ann was in the room when Bob was admitted");
    ann.send(msg("leave"));
    ann.expect("left");
    directory.release(bobHeld);
    JsonObject bobJoined = bob.expect("joined");
    assertEquals(List.of(), peerIds(bobJoined), "Bob is not told of " + annId + ", who has already left");
    bob.expectSilence(200);
  }

  @Test
  void earlierAdmittedJoinCompletingFirst(Vertx vertx) throws Exception {
    HeldDirectory directory = start();
    TestClient ann = client(vertx);
    TestClient cai = client(vertx);
    ann.send(msg("join").put("room", "r").put("name", "Ann"));
    HeldDirectory.Held annHeld = directory.next();
    cai.send(msg("join").put("room", "r").put("name", "Cai"));
    HeldDirectory.Held caiHeld = directory.next();

    directory.release(annHeld);
    JsonObject annJoined = ann.expect("joined");
    directory.release(caiHeld);
    JsonObject caiJoined = cai.expect("joined");

    assertEquals(List.of(), peerIds(annJoined));
    assertEquals(List.of(annJoined.getString("peerId")), peerIds(caiJoined));
    assertEquals(caiJoined.getString("peerId"), ann.expect("peer-joined").getJsonObject("peer").getString("id"));
    ann.expectSilence(200);
    cai.expectSilence(1);
  }
}
