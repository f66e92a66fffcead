package dev.hush.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * One WebSocket connection. Its handlers run on the connection's event loop; other threads only write to it
 * (ServerWebSocket writes are thread-safe) or close it. Everything it receives is checked before the hub
 * sees it, and whatever is wrong with a message only ever produces an error to this connection.
 */
final class PeerSession {
  enum State { IDLE, JOINING, JOINED, CLOSED }

  static final short CLOSE_GOING_AWAY = 1001;
  static final short CLOSE_POLICY = 1008;
  static final short CLOSE_IDLE = 4001;
  static final short CLOSE_SLOW_READER = 4002;

  private final ServerWebSocket ws;
  private final SignalingHub hub;
  private final ServerConfig config;
  private final RateLimiter rate;
  private boolean rateLimitReported;
  /** When the write queue to this client was first seen full in the current stall, or 0. */
  private volatile long writeQueueFullSinceMillis;
  /** A client may fall behind for this long (a busy tab, a slow link) before it is cut off. */
  static final long SLOW_READER_GRACE_MS = 10_000;
  volatile long lastActivityMillis;
  volatile State state = State.IDLE;
  volatile String room;
  volatile String peerId;
  final String remote;

  PeerSession(ServerWebSocket ws, SignalingHub hub, ServerConfig config) {
    this.ws = ws;
    this.hub = hub;
    this.config = config;
    this.rate = new RateLimiter(config.rateLimitPerSecond(), config.rateBurst(), System.nanoTime());
    this.lastActivityMillis = System.currentTimeMillis();
    this.remote = String.valueOf(ws.remoteAddress());
  }

  void start() {
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(this::onBinary);
    ws.pongHandler(b -> lastActivityMillis = System.currentTimeMillis());
    ws.exceptionHandler(e -> Log.debug("ws.exception", "remote", remote, "error", e.toString()));
    ws.closeHandler(v -> hub.closed(this));
    send(Protocol.hello(config));
  }

  private void onBinary(Buffer data) {
    if (admit()) {
      fail(new ProtocolException(Protocol.BINARY_UNSUPPORTED, "send JSON text messages"));
    }
  }

  private void onText(String text) {
    if (!admit()) {
      return;
    }
    JsonObject msg;
    try {
      msg = Protocol.parse(text, config.maxMessageBytes());
    } catch (ProtocolException e) {
      fail(e);
      return;
    }
    String type = msg.getString("type");
    Object ref = msg.getValue("id");
    hub.metrics().received(type);
    try {
      switch (type) {
        case "join" -> hub.join(this, msg);
        case "offer", "answer", "candidate" -> hub.relay(this, msg);
        case "leave" -> hub.leave(this, ref);
        case "ping" -> send(Protocol.pong(ref));
        default -> throw new IllegalStateException("validated type without handler: " + type);
      }
    } catch (ProtocolException e) {
      fail(e.ref() == null ? e.withRef(ref) : e);
    }
  }

  /** Counts the message against the rate limit; reports a burst of refusals once, not per message. */
  private boolean admit() {
    lastActivityMillis = System.currentTimeMillis();
    if (rate.tryAcquire(System.nanoTime())) {
      rateLimitReported = false;
      return true;
    }
    hub.metrics().error(Protocol.RATE_LIMITED);
    if (!rateLimitReported) {
      rateLimitReported = true;
      send(Protocol.error(Protocol.RATE_LIMITED, "too many messages; slow down", null));
    }
    return false;
  }

  void fail(ProtocolException e) {
    hub.metrics().error(e.code());
    send(Protocol.error(e.code(), e.getMessage(), e.ref()));
  }

  void send(JsonObject msg) {
    sendText(msg.encode());
  }

  /** Writes unless the client has stopped reading; a reader that far behind is disconnected. */
  void sendText(String text) {
    if (state == State.CLOSED || ws.isClosed()) {
      return;
    }
    try {
      if (ws.writeQueueFull()) {
        long now = System.currentTimeMillis();
        long since = writeQueueFullSinceMillis;
        if (since == 0) {
          writeQueueFullSinceMillis = now;
        } else if (now - since > SLOW_READER_GRACE_MS) {
          Log.warn("ws.slow-reader", "remote", remote, "peer", peerId, "stalledMs", now - since);
          close(CLOSE_SLOW_READER, "not reading");
          return;
        }
      } else if (writeQueueFullSinceMillis != 0) {
        writeQueueFullSinceMillis = 0;
      }
      ws.writeTextMessage(text);
    } catch (IllegalStateException closedMeanwhile) {
      // The socket closed between the check and the write (another thread closed it): nothing to deliver.
    }
  }

  void close(short code, String reason) {
    if (!ws.isClosed()) {
      try {
        ws.close(code, reason);
      } catch (IllegalStateException alreadyClosed) {
        // closed by the other side meanwhile
      }
    }
  }
}
