package dev.hush.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The server's own Prometheus meters, next to the ones Vert.x's Micrometer integration records. */
final class ServerMetrics {
  private final MeterRegistry registry;
  private final Map<String, Counter> received = new HashMap<>();
  private final Counter relayed;
  private final Counter crossNode;
  private final Map<String, Counter> errors = new HashMap<>();

  ServerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String type : new String[] {"join", "offer", "answer", "candidate", "leave", "ping"}) {
      received.put(type, Counter.builder("hush.messages.received").tag("type", type)
          .description("valid signaling messages received, by type").register(registry));
    }
    relayed = Counter.builder("hush.messages.relayed").description("offers/answers/candidates delivered")
        .register(registry);
    crossNode = Counter.builder("hush.messages.cross.node")
        .description("messages sent to another cluster node").register(registry);
    for (String code : new String[] {Protocol.BAD_JSON, Protocol.BAD_MESSAGE, Protocol.UNSUPPORTED_VERSION,
        Protocol.UNKNOWN_TYPE, Protocol.TOO_LARGE, Protocol.BINARY_UNSUPPORTED, Protocol.RATE_LIMITED,
        Protocol.NOT_IN_ROOM, Protocol.ALREADY_JOINED, Protocol.ROOM_FULL, Protocol.TOKEN_REQUIRED,
        Protocol.TOKEN_INVALID, Protocol.TOKEN_EXPIRED, Protocol.UNKNOWN_PEER, Protocol.SERVER_BUSY,
        Protocol.IDLE_TIMEOUT}) {
      errors.put(code, Counter.builder("hush.protocol.errors").tag("code", code)
          .description("messages refused, by error code").register(registry));
    }
  }

  void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  void received(String type) {
    Counter c = received.get(type);
    if (c != null) {
      c.increment();
    }
  }

  void relayed() {
    relayed.increment();
  }

  void crossNode() {
    crossNode.increment();
  }

  void error(String code) {
    Counter c = errors.get(code);
    if (c != null) {
      c.increment();
    }
  }
}
