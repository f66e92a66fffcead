package dev.hush.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load benchmark (a command, not a test): N WebSocket clients in rooms of 4 join like browsers do, then send
 * candidate messages to random peers of their room at a fixed total rate. Reports connections held, relayed
 * messages per second and relay latency (sender's write to receiver's handler, same JVM clock) p50/p99/max.
 *
 * <pre>java -jar hush-server.jar bench --url ws://127.0.0.1:8080/ws --clients 10000 --rates 5000,10000</pre>
 */
final class SignalingBench {
  private final URI url;
  private final int clientCount;
  private final int roomSize;
  private final List<Integer> rates;
  private final int durationSeconds;
  private final int warmupSeconds;
  private final int connectConcurrency;
  private final Path out;
  private final long serverPid;

  private final Vertx vertx;
  /** One context per event loop: a client connects, sends and receives on its lane's thread only. */
  private final List<io.vertx.core.Context> lanes = new ArrayList<>();
  private final List<BenchClient> clients = new ArrayList<>();
  private final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
  private final LongAdder received = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicInteger closed = new AtomicInteger();

  private SignalingBench(Map<String, String> flags) {
    url = URI.create(flags.getOrDefault("url", "ws://127.0.0.1:8080/ws"));
    clientCount = Integer.parseInt(flags.getOrDefault("clients", "10000"));
    roomSize = Integer.parseInt(flags.getOrDefault("room-size", "4"));
    rates = new ArrayList<>();
    for (String r : flags.getOrDefault("rates", "5000").split(",")) {
      rates.add(Integer.parseInt(r.trim()));
    }
    durationSeconds = Integer.parseInt(flags.getOrDefault("duration", "20"));
    warmupSeconds = Integer.parseInt(flags.getOrDefault("warmup", "5"));
    connectConcurrency = Integer.parseInt(flags.getOrDefault("connect-concurrency", "256"));
    out = flags.containsKey("out") ? Path.of(flags.get("out")) : null;
    serverPid = Long.parseLong(flags.getOrDefault("server-pid", "0"));
    int loops = Integer.parseInt(flags.getOrDefault("event-loops", "2"));
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops));
    for (int i = 0; i < loops; i++) {
      lanes.add(vertx.getOrCreateContext());
    }
  }

  private static final String RELAYED_CANDIDATE_PREFIX = "{\"v\":1,\"type\":\"candidate\",";

  /** One simulated browser: a socket, its peer id, and the ids of the others in its room. */
  private final class BenchClient {
    final int index;
    volatile WebSocket ws;
    volatile String peerId;
    final List<String> peers = new java.util.concurrent.CopyOnWriteArrayList<>();

    BenchClient(int index) {
      this.index = index;
    }

    void onMessage(String text) {
      // The hot path (relayed candidates) is recognised without a JSON parse: the server's encoding is fixed.
      if (text.startsWith(RELAYED_CANDIDATE_PREFIX)) {
        int end = text.indexOf('"', text.lastIndexOf(" bench ") + 7);
        long sentAt = Long.parseLong(text.substring(text.lastIndexOf(" bench ") + 7, end));
        latency.recordValue(Math.max(0, System.nanoTime() - sentAt));
        received.increment();
        return;
      }
      JsonObject m = new JsonObject(text);
      switch (m.getString("type")) {
        case "candidate" -> {
          String c = m.getJsonObject("candidate").getString("candidate");
          long sentAt = Long.parseLong(c.substring(c.lastIndexOf(' ') + 1));
          latency.recordValue(Math.max(0, System.nanoTime() - sentAt));
          received.increment();
        }
        case "joined" -> {
          peerId = m.getString("peerId");
          JsonArray list = m.getJsonArray("peers");
          for (int i = 0; i < list.size(); i++) {
            peers.add(list.getJsonObject(i).getString("id"));
          }
        }
        case "peer-joined" -> peers.add(m.getJsonObject("peer").getString("id"));
        case "peer-left" -> peers.remove(m.getString("peerId"));
        case "error" -> errors.increment();
        default -> {
          // hello, pong
        }
      }
    }
  }

  static void main(String[] args) throws Exception {
    Map<String, String> flags = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help")) {
        System.out.println("bench --url ws://127.0.0.1:8080/ws --clients 10000 --room-size 4 --rates 5000[,10000...]"
            + " --duration 20 --warmup 5 [--out docs/bench/signaling.md] [--server-pid PID] [--event-loops 2]");
        return;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("flags are --name value; got " + args[i]);
      }
      flags.put(args[i].substring(2), args[++i]);
    }
    SignalingBench bench = new SignalingBench(flags);
    try {
      bench.run();
    } finally {
      try {
        bench.vertx.close().await(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        // closing thousands of sockets on a busy machine can take long; the process ends anyway
      }
    }
    System.exit(0);
  }

  private void run() throws Exception {
    StringBuilder report = new StringBuilder();
    long t0 = System.nanoTime();
    connectAll();
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    long joined = clients.stream().filter(c -> c.peerId != null).count();
    awaitRoomsComplete();
    long complete = clients.stream().filter(c -> c.peers.size() == roomSize - 1).count();
    System.err.printf(Locale.ROOT, "bench: %d/%d connected and joined in %.1f s; %d see a full room%n",
        joined, clientCount, connectSeconds, complete);
    clients.stream().filter(c -> c.peers.size() != roomSize - 1).limit(5)
        .forEach(c -> System.err.println("bench: client " + c.index + " knows " + c.peers));

    report.append("# Signaling load benchmark\n\n")
        .append("Produced by `bin/bench-signaling` (").append(Instant.now()).append(").\n\n")
        .append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
        .append(System.getProperty("java.version")).append(", server and load generator on the same machine (loopback)\n")
        .append("- clients: ").append(clientCount).append(" WebSockets in rooms of ").append(roomSize)
        .append(", each joined like a browser (join → joined/peer-joined)\n")
        .append("- load: `candidate` messages (≈ 150 bytes) from random clients to random peers of their room;")
        .append(" latency = sender's write → receiver's handler, one clock (same JVM), includes both client event loops\n")
        .append("- load average (1/5/15 min) before the run: ").append(loadAverage())
        .append("\n")
        .append(String.format(Locale.ROOT, "- connect + join of all clients: %.1f s; joined: %d; all rooms complete: %s%n%n",
            connectSeconds, joined, complete == clientCount ? "yes" : complete + "/" + clientCount));
    report.append("Load average after connecting: ").append(loadAverage()).append(". CPU columns are % of one core")
        .append(" (the machine has ").append(Runtime.getRuntime().availableProcessors() * 100)
        .append(" %); \"other processes\" is everything but the server and this load generator.\n\n");
    report.append("| target msg/s | relayed msg/s | p50 ms | p99 ms | p99.9 ms | max ms | connections held | errors | server CPU | other processes' CPU |\n|---|---|---|---|---|---|---|---|---|---|\n");

    double maxOthersPercent = 0;
    for (int rate : rates) {
      drive(rate, warmupSeconds);
      latency.reset();
      long receivedBefore = received.sum();
      long errorsBefore = errors.sum();
      long cpuBefore = serverCpuTicks();
      long selfBefore = processCpuTicks("self");
      long machineBefore = machineBusyTicks();
      long start = System.nanoTime();
      long sent = drive(rate, durationSeconds);
      double seconds = (System.nanoTime() - start) / 1e9;
      Thread.sleep(500);
      long cpuAfter = serverCpuTicks();
      long selfAfter = processCpuTicks("self");
      long machineAfter = machineBusyTicks();
      Histogram h = latency.getIntervalHistogram();
      long delivered = received.sum() - receivedBefore;
      int held = (int) clients.stream().filter(c -> c.ws != null && !c.ws.isClosed()).count();
      String cpu = cpuBefore < 0 || cpuAfter < 0 ? "n/a"
          : String.format(Locale.ROOT, "%.0f %%", 100.0 * (cpuAfter - cpuBefore) / 100.0 / (seconds + 0.5));
      double othersPercent = Math.max(0, (machineAfter - machineBefore)
          - (cpuAfter - cpuBefore) - (selfAfter - selfBefore)) / (seconds + 0.5);
      String others = cpuBefore < 0 || machineBefore < 0 ? "n/a"
          : String.format(Locale.ROOT, "%.0f %%", othersPercent);
      if (cpuBefore >= 0 && machineBefore >= 0) {
        maxOthersPercent = Math.max(maxOthersPercent, othersPercent);
      }
      String line = String.format(Locale.ROOT, "| %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %s | %s |",
          rate, delivered / seconds, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
          h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6, held, errors.sum() - errorsBefore, cpu,
          others);
      System.err.println("bench: sent " + sent + " " + line);
      report.append(line).append('\n');
    }
    // Tail latency on a shared machine is the scheduler's, so the reader must know whether others ran.
    report.append(maxOthersPercent > BUSY_OTHERS_PERCENT
        ? String.format(Locale.ROOT, "%nOther processes took up to %.0f %% of a core during a window: figures are"
            + " lower bounds for a quiet machine.%n", maxOthersPercent)
        : String.format(Locale.ROOT, "%nOther processes took at most %.0f %% of a core during the windows: the machine"
            + " was otherwise quiet.%n", maxOthersPercent));
    int held = (int) clients.stream().filter(c -> c.ws != null && !c.ws.isClosed()).count();
    report.append(String.format(Locale.ROOT, "%nConnections still open at the end: %d of %d (closed by the server: %d).%n",
        held, clientCount, closed.get()));
    System.out.print(report);
    if (out != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report.toString());
      System.err.println("bench: wrote " + out);
    }
  }

  /** Opens every socket (at most connectConcurrency handshakes in flight) and joins rooms of roomSize. */
  private void connectAll() throws Exception {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(clientCount + 16).setConnectTimeout(60_000));
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    Promise<Void> done = Promise.promise();
    AtomicInteger finished = new AtomicInteger();
    for (int i = 0; i < clientCount; i++) {
      clients.add(new BenchClient(i));
    }
    Runnable[] startNext = new Runnable[1];
    startNext[0] = () -> {
      int i = next.getAndIncrement();
      if (i >= clientCount) {
        return;
      }
      BenchClient c = clients.get(i);
      connectOne(client, c).onComplete(ar -> {
        if (ar.failed()) {
          if (failures.incrementAndGet() <= 5) {
            System.err.println("bench: connect failed: " + ar.cause());
          }
        }
        if (finished.incrementAndGet() == clientCount) {
          done.complete();
        } else {
          startNext[0].run();
        }
      });
    };
    for (int k = 0; k < Math.min(connectConcurrency, clientCount); k++) {
      vertx.runOnContext(v -> startNext[0].run());
    }
    // (connectOne itself hops onto the client's lane)
    done.future().await(10, TimeUnit.MINUTES);
    if (failures.get() > 0) {
      System.err.println("bench: " + failures.get() + " connections failed");
    }
  }

  private Future<Void> connectOne(WebSocketClient client, BenchClient c) {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
        .setURI(url.getPath());
    Promise<Void> joined = Promise.promise();
    lanes.get(c.index % lanes.size()).runOnContext(onLane -> client.connect(options).onSuccess(ws -> {
      c.ws = ws;
      ws.textMessageHandler(text -> {
        c.onMessage(text);
        if (c.peerId != null) {
          joined.tryComplete();
        }
      });
      ws.closeHandler(v -> {
        closed.incrementAndGet();
        joined.tryFail("closed before joining");
      });
      ws.writeTextMessage(new JsonObject().put("v", 1).put("type", "join")
          .put("room", "bench-" + (c.index / roomSize)).put("name", "client " + c.index).encode());
    }).onFailure(joined::tryFail));
    return joined.future();
  }

  private void awaitRoomsComplete() throws InterruptedException {
    long end = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < end) {
      boolean all = true;
      for (BenchClient c : clients) {
        int roomMembers = Math.min(roomSize, clientCount - (c.index / roomSize) * roomSize);
        if (c.peerId != null && c.peers.size() < roomMembers - 1) {
          all = false;
          break;
        }
      }
      if (all) {
        return;
      }
      Thread.sleep(100);
    }
  }

  /**
   * Sends {@code rate} messages per second for {@code seconds}: every lane, on its own event loop, wakes each
   * millisecond and sends its share from its own clients (no cross-thread hand-off). Returns how many.
   */
  private long drive(int rate, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong sent = new AtomicLong();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(lanes.size());
    for (int lane = 0; lane < lanes.size(); lane++) {
      int laneIndex = lane;
      List<BenchClient> own = new ArrayList<>();
      for (BenchClient c : clients) {
        if (c.index % lanes.size() == laneIndex && c.ws != null) {
          own.add(c);
        }
      }
      double laneRate = (double) rate / lanes.size();
      long[] laneSent = {0};
      lanes.get(lane).runOnContext(v -> vertx.setPeriodic(1, timer -> {
        long now = System.nanoTime();
        long due = (long) ((Math.min(now, end) - start) / 1e9 * laneRate);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int attempts = 0;
        while (laneSent[0] < due && !own.isEmpty() && attempts++ < 100_000) {
          BenchClient from = own.get(random.nextInt(own.size()));
          List<String> peers = from.peers;
          WebSocket ws = from.ws;
          if (ws.isClosed() || peers.isEmpty()) {
            continue;
          }
          String to = peers.get(random.nextInt(peers.size()));
          ws.writeTextMessage("{\"v\":1,\"type\":\"candidate\",\"to\":\"" + to
              + "\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 "
              + (40000 + random.nextInt(20000)) + " typ host generation 0 bench " + System.nanoTime()
              + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
          laneSent[0]++;
          sent.incrementAndGet();
        }
        if (now >= end) {
          vertx.cancelTimer(timer);
          done.countDown();
        }
      }));
    }
    done.await();
    return sent.get();
  }

  /** Other processes' CPU (% of one core) above which a window counts as shared. */
  private static final double BUSY_OTHERS_PERCENT = 50;

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " / " + f[1] + " / " + f[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** utime + stime of the server process in clock ticks (100 per second on Linux), or -1. */
  private long serverCpuTicks() {
    return serverPid <= 0 ? -1 : processCpuTicks(Long.toString(serverPid));
  }

  /** Busy clock ticks of the whole machine (all cores), from /proc/stat, or -1. */
  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i <= 8 && i < f.length; i++) {
        if (i != 4 && i != 5) { // user nice system [idle iowait] irq softirq steal; guest is inside user
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long processCpuTicks(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
