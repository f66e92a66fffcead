package dev.hush.server;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A real WebSocket client for tests: everything the server sends is queued and read with timeouts. */
final class TestClient implements AutoCloseable {
  static final long TIMEOUT_MS = 10_000;
  private final WebSocketClient client;
  final WebSocket ws;
  private final BlockingQueue<JsonObject> inbox;
  String peerId;

  private TestClient(WebSocketClient client, WebSocket ws, BlockingQueue<JsonObject> inbox) {
    this.client = client;
    this.ws = ws;
    this.inbox = inbox;
  }

  static TestClient connect(Vertx vertx, ServerNode node) throws Exception {
    return connect(vertx, node, null);
  }

  static TestClient connect(Vertx vertx, ServerNode node, String origin) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
        .setURI("/ws");
    if (origin != null) {
      options.addHeader("Origin", origin);
    }
    BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    Short[] code = {null};
    // Handlers are set on the event loop as the connection completes, so the server's first message is not lost.
    WebSocket ws = client.connect(options).onSuccess(w -> {
      w.textMessageHandler(text -> inbox.add(new JsonObject(text)));
    }).await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    TestClient c = new TestClient(client, ws, inbox);
    JsonObject hello = c.next();
    assertEquals("hello", hello.getString("type"), hello.encode());
    return c;
  }

  void send(JsonObject msg) {
    ws.writeTextMessage(msg.encode());
  }

  void sendRaw(String text) {
    ws.writeTextMessage(text);
  }

  void sendBinary(byte[] bytes) {
    ws.writeBinaryMessage(Buffer.buffer(bytes));
  }

  JsonObject next() throws InterruptedException {
    JsonObject m = inbox.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertNotNull(m, "no message within " + TIMEOUT_MS + " ms");
    return m;
  }

  /** The next message, which must be of {@code type}. */
  JsonObject expect(String type) throws InterruptedException {
    JsonObject m = next();
    assertEquals(type, m.getString("type"), () -> "expected " + type + ", got " + m.encode());
    return m;
  }

  JsonObject expectError(String code) throws InterruptedException {
    JsonObject m = expect("error");
    assertEquals(code, m.getString("code"), m::encode);
    return m;
  }

  void expectSilence(long millis) throws InterruptedException {
    JsonObject m = inbox.poll(millis, TimeUnit.MILLISECONDS);
    assertNull(m, () -> "unexpected message " + m.encode());
  }

  JsonObject join(String room, String name) throws InterruptedException {
    return join(room, name, null);
  }

  JsonObject join(String room, String name, String token) throws InterruptedException {
    JsonObject msg = new JsonObject().put("v", 1).put("type", "join").put("room", room).put("name", name);
    if (token != null) {
      msg.put("token", token);
    }
    send(msg);
    JsonObject joined = expect("joined");
    peerId = joined.getString("peerId");
    return joined;
  }

  boolean awaitClosed(long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (!ws.isClosed() && System.currentTimeMillis() < end) {
      Thread.sleep(10);
    }
    return ws.isClosed();
  }

  Short closeCode() {
    return ws.closeStatusCode();
  }

  int pending() {
    return inbox.size();
  }

  void drain() {
    inbox.clear();
  }

  @Override
  public void close() {
    try {
      if (!ws.isClosed()) {
        ws.close().await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      }
    } catch (Exception | Error ignored) {
      // already gone
    }
    try {
      client.close();
    } catch (RuntimeException ignored) {
      // already closed
    }
  }

  static JsonObject msg(String type) {
    return new JsonObject().put("v", 1).put("type", type);
  }
}
