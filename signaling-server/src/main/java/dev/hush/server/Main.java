package dev.hush.server;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/** {@code java -jar hush-server.jar [flags]}, plus the {@code token} and {@code bench} commands. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("bench")) {
      SignalingBench.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    if (args.length > 0 && args[0].equals("token")) {
      System.exit(token(Arrays.copyOfRange(args, 1, args.length)));
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(ServerConfig.help());
      return;
    }
    ServerConfig config;
    try {
      config = ServerConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("hush-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    Log.installJsonLogging(Level.INFO);
    ServerNode node;
    try {
      node = ServerNode.start(config).await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Log.error("server.start-failed", e);
      System.err.println("hush-server: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    System.err.println("hush-server: listening on " + node.baseUrl() + " (signaling at " + node.webSocketUrl() + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        node.shutdown("server shutting down").await(config.shutdownGraceMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        Log.error("server.shutdown-incomplete", e);
      }
    }, "hush-shutdown"));
  }

  /** Prints a join token (and link) for a room, made with the same secret the server uses. */
  private static int token(String[] args) {
    String secret = System.getenv().getOrDefault("HUSH_TOKEN_SECRET", "");
    String room = null;
    long ttl = 86400;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--token-secret" -> secret = args[i + 1];
        case "--room" -> room = args[i + 1];
        case "--token-ttl" -> ttl = Long.parseLong(args[i + 1]);
        default -> {
          System.err.println("token: unknown flag " + args[i]);
          return 2;
        }
      }
    }
    if (secret.isEmpty() || room == null || !Protocol.ROOM.matcher(room).matches()) {
      System.err.println("usage: token --token-secret SECRET --room ROOM [--token-ttl SECONDS]"
          + " (secret also from HUSH_TOKEN_SECRET; room: 1-64 of A-Z a-z 0-9 _ -)");
      return 2;
    }
    String token = new JoinTokens(secret).mint(room, System.currentTimeMillis() / 1000 + ttl);
    System.out.println(token);
    System.out.println("/?room=" + room + "&token=" + token);
    return 0;
  }
}
