package dev.hush.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of a server node, in one place. Each setting is a command-line flag
 * ({@code --room-capacity 8}) and an environment variable of the same name
 * ({@code HUSH_ROOM_CAPACITY=8}); a flag wins over the environment.
 */
public record ServerConfig(
    String host,
    int port,
    Path tlsCert,
    Path tlsKey,
    List<String> allowedOrigins,
    JsonArray iceServers,
    int roomCapacity,
    String tokenSecret,
    boolean requireTokens,
    long tokenTtlSeconds,
    boolean roomApi,
    String turnSecret,
    List<String> turnUrls,
    long turnTtlSeconds,
    int maxMessageBytes,
    double rateLimitPerSecond,
    int rateBurst,
    long idleTimeoutMillis,
    Path modelsDir,
    String defaultModel,
    Path webDir,
    Path wasmDir,
    boolean cluster,
    String clusterName,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    int eventBusPort,
    int verticleInstances,
    long shutdownGraceMillis) {

  /** One flag: its name, default, and help text. */
  public record Option(String name, String defaultValue, String help) {
    public String envName() {
      return "HUSH_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
  }

  public static final List<Option> OPTIONS = List.of(
      new Option("host", "127.0.0.1", "interface to listen on (0.0.0.0 for the LAN)"),
      new Option("port", "8080", "HTTP(S) port; 0 picks a free one"),
      new Option("tls-cert", "", "PEM certificate chain; with --tls-key serves HTTPS/WSS"),
      new Option("tls-key", "", "PEM private key (PKCS#8 or PKCS#1)"),
      new Option("allowed-origins", "", "comma-separated Origins allowed on /ws; empty = same origin only; * = any"),
      new Option("ice-servers", "[]", "JSON array of RTCIceServer objects handed to every peer"),
      new Option("room-capacity", "8", "peers per room (mesh calls)"),
      new Option("token-secret", "", "HMAC secret for join tokens (random per start when empty)"),
      new Option("require-tokens", "false", "refuse joins without a valid token for the room"),
      new Option("token-ttl", "86400", "lifetime in seconds of tokens the server issues"),
      new Option("room-api", "true", "allow POST /api/rooms to create unguessable rooms"),
      new Option("turn-secret", "", "TURN REST shared secret; enables time-limited TURN credentials"),
      new Option("turn-urls", "", "comma-separated TURN URLs (turn:host:3478?transport=udp,...)"),
      new Option("turn-ttl", "86400", "lifetime in seconds of TURN credentials"),
      new Option("max-message-bytes", "65536", "largest accepted signaling message"),
      new Option("rate-limit", "50", "sustained messages per second per connection"),
      new Option("rate-burst", "200", "burst of messages per connection above the sustained rate"),
      new Option("idle-timeout", "60", "seconds without any message before a connection is closed"),
      new Option("models-dir", "", "directory of NAME.bin + NAME.manifest.json (default: classpath models/)"),
      new Option("default-model", "", "model name announced as default (first one when empty)"),
      new Option("web-dir", "", "serve the page from this directory instead of the classpath web/"),
      new Option("wasm-dir", "", "serve /wasm from this directory instead of the classpath hush-wasm/"),
      new Option("cluster", "false", "join a Hazelcast cluster and relay between nodes over the event bus"),
      new Option("cluster-name", "hush", "Hazelcast cluster name: only nodes with the same name join each other"),
      new Option("cluster-host", "127.0.0.1", "address this node uses for Hazelcast and the event bus"),
      new Option("cluster-port", "5701", "Hazelcast port of this node"),
      new Option("cluster-members", "127.0.0.1", "comma-separated host[:port] of Hazelcast members to join (TCP/IP)"),
      new Option("event-bus-port", "0", "event bus port of this node; 0 picks a free one"),
      new Option("instances", "0", "HTTP verticle instances; 0 = one per core"),
      new Option("shutdown-grace", "5", "seconds allowed for a graceful shutdown"));

  public static ServerConfig defaults() {
    return parse(new String[0], Map.of());
  }

  /** Parses flags (either {@code --name value} or {@code --name=value}) over environment variables. */
  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Option> byName = new LinkedHashMap<>();
    for (Option o : OPTIONS) {
      byName.put(o.name(), o);
      String fromEnv = env.get(o.envName());
      values.put(o.name(), fromEnv != null ? fromEnv : o.defaultValue());
    }
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (flags look like --port 8080)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Option option = byName.get(name);
      if (option == null) {
        throw new IllegalArgumentException("unknown flag --" + name + " (see --help)");
      }
      if (value == null) {
        boolean isBoolean = option.defaultValue().equals("true") || option.defaultValue().equals("false");
        if (isBoolean && (i + 1 == args.length || args[i + 1].startsWith("--"))) {
          value = "true";
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException("flag --" + name + " needs a value");
        }
      }
      values.put(name, value);
    }
    return fromValues(values);
  }

  private static ServerConfig fromValues(Map<String, String> v) {
    Path cert = path(v.get("tls-cert"));
    Path key = path(v.get("tls-key"));
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
    JsonArray ice;
    try {
      ice = new JsonArray(v.get("ice-servers"));
    } catch (DecodeException e) {
      throw new IllegalArgumentException("--ice-servers is not a JSON array: " + e.getMessage());
    }
    for (Object server : ice) {
      if (!(server instanceof JsonObject o) || !o.containsKey("urls")) {
        throw new IllegalArgumentException("--ice-servers: every entry needs \"urls\": " + server);
      }
    }
    boolean requireTokens = bool(v, "require-tokens");
    String tokenSecret = v.get("token-secret");
    if (requireTokens && tokenSecret.isEmpty()) {
      throw new IllegalArgumentException("--require-tokens needs --token-secret (tokens must survive restarts)");
    }
    List<String> turnUrls = list(v.get("turn-urls"));
    String turnSecret = v.get("turn-secret");
    if (!turnSecret.isEmpty() && turnUrls.isEmpty()) {
      throw new IllegalArgumentException("--turn-secret needs --turn-urls");
    }
    int capacity = integer(v, "room-capacity", 2, 64);
    int instances = integer(v, "instances", 0, 64);
    if (instances == 0) {
      instances = Runtime.getRuntime().availableProcessors();
    }
    return new ServerConfig(
        v.get("host"),
        integer(v, "port", 0, 65535),
        cert,
        key,
        list(v.get("allowed-origins")),
        ice,
        capacity,
        tokenSecret,
        requireTokens,
        integer(v, "token-ttl", 1, Integer.MAX_VALUE),
        bool(v, "room-api"),
        turnSecret,
        turnUrls,
        integer(v, "turn-ttl", 1, Integer.MAX_VALUE),
        integer(v, "max-message-bytes", 1024, 1 << 20),
        decimal(v, "rate-limit", 0.1, 1e6),
        integer(v, "rate-burst", 1, 1_000_000),
        1000L * integer(v, "idle-timeout", 1, 86400),
        path(v.get("models-dir")),
        v.get("default-model").isEmpty() ? null : v.get("default-model"),
        path(v.get("web-dir")),
        path(v.get("wasm-dir")),
        bool(v, "cluster"),
        v.get("cluster-name"),
        v.get("cluster-host"),
        integer(v, "cluster-port", 1, 65535),
        list(v.get("cluster-members")),
        integer(v, "event-bus-port", 0, 65535),
        instances,
        1000L * integer(v, "shutdown-grace", 0, 600));
  }

  public boolean tls() {
    return tlsCert != null;
  }

  /** A copy with some settings replaced, for tests and the benchmark: {@code with(Map.of("port","0"))}. */
  public ServerConfig with(Map<String, String> overrides) {
    List<String> args = new ArrayList<>();
    Map<String, String> current = asValues();
    current.putAll(overrides);
    current.forEach((k, val) -> {
      args.add("--" + k);
      args.add(val);
    });
    return parse(args.toArray(String[]::new), Map.of());
  }

  private Map<String, String> asValues() {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("host", host);
    v.put("port", Integer.toString(port));
    v.put("tls-cert", tlsCert == null ? "" : tlsCert.toString());
    v.put("tls-key", tlsKey == null ? "" : tlsKey.toString());
    v.put("allowed-origins", String.join(",", allowedOrigins));
    v.put("ice-servers", iceServers.encode());
    v.put("room-capacity", Integer.toString(roomCapacity));
    v.put("token-secret", tokenSecret);
    v.put("require-tokens", Boolean.toString(requireTokens));
    v.put("token-ttl", Long.toString(tokenTtlSeconds));
    v.put("room-api", Boolean.toString(roomApi));
    v.put("turn-secret", turnSecret);
    v.put("turn-urls", String.join(",", turnUrls));
    v.put("turn-ttl", Long.toString(turnTtlSeconds));
    v.put("max-message-bytes", Integer.toString(maxMessageBytes));
    v.put("rate-limit", Double.toString(rateLimitPerSecond));
    v.put("rate-burst", Integer.toString(rateBurst));
    v.put("idle-timeout", Long.toString(idleTimeoutMillis / 1000));
    v.put("models-dir", modelsDir == null ? "" : modelsDir.toString());
    v.put("default-model", defaultModel == null ? "" : defaultModel);
    v.put("web-dir", webDir == null ? "" : webDir.toString());
    v.put("wasm-dir", wasmDir == null ? "" : wasmDir.toString());
    v.put("cluster", Boolean.toString(cluster));
    v.put("cluster-name", clusterName);
    v.put("cluster-host", clusterHost);
    v.put("cluster-port", Integer.toString(clusterPort));
    v.put("cluster-members", String.join(",", clusterMembers));
    v.put("event-bus-port", Integer.toString(eventBusPort));
    v.put("instances", Integer.toString(verticleInstances));
    v.put("shutdown-grace", Long.toString(shutdownGraceMillis / 1000));
    return v;
  }

  public static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: java -jar hush-server.jar [flags]\n")
        .append("       java -jar hush-server.jar token --token-secret S --room R [--token-ttl SECONDS]\n")
        .append("       java -jar hush-server.jar bench [bench flags, see bench --help]\n\n")
        .append("Every flag can also be set by the environment variable shown.\n\n");
    for (Option o : OPTIONS) {
      sb.append(String.format(Locale.ROOT, "  --%-18s %-26s %s (default: %s)%n",
          o.name(), o.envName(), o.help(), o.defaultValue().isEmpty() ? "none" : o.defaultValue()));
    }
    return sb.toString();
  }

  private static Path path(String s) {
    return s == null || s.isEmpty() ? null : Path.of(s);
  }

  private static List<String> list(String s) {
    if (s == null || s.isBlank()) {
      return List.of();
    }
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
  }

  private static boolean bool(Map<String, String> v, String name) {
    String s = v.get(name).trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + s + "'");
    };
  }

  private static int integer(Map<String, String> v, String name, int min, int max) {
    double d = decimal(v, name, min, max);
    if (d != Math.rint(d)) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got " + v.get(name));
    }
    return (int) d;
  }

  private static double decimal(Map<String, String> v, String name, double min, double max) {
    String s = v.get(name).trim();
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, got '" + s + "'");
    }
    if (!(d >= min && d <= max)) {
      throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max + ", got " + s);
    }
    return d;
  }
}
