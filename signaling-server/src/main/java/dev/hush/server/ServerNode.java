package dev.hush.server;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One running server: a Vert.x instance (clustered with Hazelcast under {@code --cluster}), the verified
 * models and static files, the signaling hub, and the HTTP verticles. Main starts one; tests start several.
 */
public final class ServerNode {
  private final ServerConfig config;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final long startedAtMillis = System.currentTimeMillis();
  private final AtomicInteger port = new AtomicInteger(-1);
  private Vertx vertx;
  private HazelcastClusterManager clusterManager;
  private ModelCatalog models;
  private StaticAssets web;
  private StaticAssets wasm;
  private SignalingHub hub;
  private JoinTokens tokens;
  private volatile boolean stopped;

  private final java.util.function.UnaryOperator<RoomDirectory> directoryDecorator;

  private ServerNode(ServerConfig config, java.util.function.UnaryOperator<RoomDirectory> directoryDecorator) {
    this.config = config;
    this.directoryDecorator = directoryDecorator;
  }

  /** Starts a node; the future fails with the reason if anything (port, cluster, TLS files) is wrong. */
  public static Future<ServerNode> start(ServerConfig config) {
    return start(config, java.util.function.UnaryOperator.identity());
  }

  /** As {@link #start(ServerConfig)}, with the room directory wrapped (tests use it to order races). */
  static Future<ServerNode> start(ServerConfig config, java.util.function.UnaryOperator<RoomDirectory> decorate) {
    ServerNode node = new ServerNode(config, decorate);
    return node.createVertx().compose(v -> node.boot())
        .recover(e -> node.vertx == null ? Future.failedFuture(e)
            : node.vertx.close().transform(ignored -> Future.failedFuture(e)));
  }

  private Future<Vertx> createVertx() {
    VertxOptions options = new VertxOptions().setMetricsOptions(
        new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
    VertxBuilder builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry));
    if (!config.cluster()) {
      vertx = builder.build();
      return Future.succeededFuture(vertx);
    }
    options.setEventBusOptions(new EventBusOptions().setHost(config.clusterHost())
        .setPort(config.eventBusPort()).setClusterPublicHost(config.clusterHost()));
    clusterManager = new HazelcastClusterManager(hazelcastConfig());
    return builder.withClusterManager(clusterManager).buildClustered().onSuccess(v -> vertx = v);
  }

  /**
   * Vert.x's Hazelcast defaults (its maps and multimaps) with the network pinned down: TCP/IP join with a
   * fixed member list, no multicast or cloud discovery, and quick failure detection so that peers hear of a
   * dead node's peers within seconds.
   */
  private Config hazelcastConfig() {
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(config.clusterName());
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.setProperty("hazelcast.local.localAddress", config.clusterHost());
    NetworkConfig net = hz.getNetworkConfig();
    net.setPort(config.clusterPort()).setPortAutoIncrement(true).setPortCount(20);
    net.getInterfaces().setEnabled(true).addInterface(config.clusterHost());
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(config.clusterMembers()).setConnectionTimeoutSeconds(2);
    return hz;
  }

  private Future<ServerNode> boot() {
    tokens = config.tokenSecret().isEmpty() ? new JoinTokens(randomSecret()) : new JoinTokens(config.tokenSecret());
    TurnCredentials turn = config.turnSecret().isEmpty() ? null
        : new TurnCredentials(config.turnSecret(), config.turnUrls(), config.turnTtlSeconds());
    Future<ModelCatalog> loadedModels = vertx.executeBlocking(
        () -> ModelCatalog.load(config.modelsDir(), config.defaultModel()));
    Future<StaticAssets> loadedWeb = StaticAssets.load(vertx, config.webDir(), "web");
    Future<StaticAssets> loadedWasm = StaticAssets.load(vertx, config.wasmDir(), "hush-wasm");
    return Future.all(loadedModels, loadedWeb, loadedWasm).compose(all -> {
      models = loadedModels.result();
      web = loadedWeb.result();
      wasm = loadedWasm.result();
      String nodeId = clusterManager != null ? clusterManager.getNodeId() : "local";
      RoomDirectory directory = directoryDecorator.apply(clusterManager != null
          ? new ClusterRoomDirectory(vertx, clusterManager) : new LocalRoomDirectory());
      hub = new SignalingHub(vertx, config, directory, nodeId, new ServerMetrics(registry), tokens, turn);
      if (clusterManager != null) {
        clusterManager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
          @Override
          public void memberAdded(MembershipEvent event) {
            Log.info("node.joined", "node", vertxNodeId(event));
          }

          @Override
          public void memberRemoved(MembershipEvent event) {
            String dead = vertxNodeId(event);
            if (dead != null) {
              vertx.runOnContext(v -> hub.nodeLost(dead));
            }
          }
        });
      }
      return hub.start(clusterManager != null);
    }).compose(v -> vertx.deployVerticle(() -> new HttpVerticle(this),
        new DeploymentOptions().setInstances(config.verticleInstances())))
        .map(id -> {
          Log.info("server.started", "url", baseUrl(), "node", hub.nodeId(), "cluster", config.cluster(),
              "models", models.models().size(), "webFiles", web.list().size(), "wasmFiles", wasm.list().size());
          return this;
        });
  }

  /** Vert.x names cluster nodes by a member attribute, not by Hazelcast's member UUID. */
  private static String vertxNodeId(MembershipEvent event) {
    return event.getMember().getAttribute(VERTX_NODE_ID_ATTRIBUTE);
  }

  private static final String VERTX_NODE_ID_ATTRIBUTE = "__vertx.nodeId";

  private static String randomSecret() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  void reportPort(int actual) {
    port.set(actual);
  }

  public int port() {
    return port.get();
  }

  public String baseUrl() {
    String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
    return (config.tls() ? "https://" : "http://") + host + ":" + port();
  }

  public String webSocketUrl() {
    return baseUrl().replaceFirst("^http", "ws") + "/ws";
  }

  public ServerConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  MeterRegistry registry() {
    return registry;
  }

  SignalingHub hub() {
    return hub;
  }

  ModelCatalog models() {
    return models;
  }

  StaticAssets web() {
    return web;
  }

  StaticAssets wasm() {
    return wasm;
  }

  JoinTokens tokens() {
    return tokens;
  }

  public String nodeId() {
    return hub.nodeId();
  }

  int clusterSize() {
    return clusterManager == null ? 1 : clusterManager.getNodes().size();
  }

  long uptimeSeconds() {
    return (System.currentTimeMillis() - startedAtMillis) / 1000;
  }

  /**
   * Graceful stop: every peer is told ("shutdown"), rooms on other nodes hear "peer-left", sockets close with
   * 1001, then the node leaves the cluster and Vert.x closes.
   */
  public synchronized Future<Void> shutdown(String reason) {
    if (stopped) {
      return Future.succeededFuture();
    }
    stopped = true;
    Log.info("server.stopping", "reason", reason);
    return hub.shutdown(reason)
        // Leave a moment for the shutdown notices and cross-node peer-left events to be written.
        .compose(v -> {
          io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
          vertx.setTimer(200, t -> p.complete());
          return p.future();
        })
        .eventually(() -> vertx.close())
        .onComplete(ar -> Log.info("server.stopped"));
  }

  /** Test hook: the node vanishes from the cluster without telling anyone, as when its machine dies. */
  void crashForTest() {
    stopped = true;
    clusterManager.getHazelcastInstance().getLifecycleService().terminate();
  }
}
