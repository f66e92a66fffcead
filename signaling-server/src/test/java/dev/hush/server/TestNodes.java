package dev.hush.server;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/** Starts server nodes on a free loopback port for tests. */
final class TestNodes {
  static {
    Log.installJsonLogging(Level.WARNING);
  }

  private TestNodes() {
  }

  static ServerNode start(String... keyValues) throws Exception {
    Map<String, String> overrides = new HashMap<>();
    overrides.put("port", "0");
    overrides.put("instances", "2");
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      overrides.put(keyValues[i], keyValues[i + 1]);
    }
    return ServerNode.start(ServerConfig.defaults().with(overrides)).await(60, TimeUnit.SECONDS);
  }

  static void stop(ServerNode node) throws Exception {
    if (node != null) {
      node.shutdown("test over").await(30, TimeUnit.SECONDS);
    }
  }
}
