package dev.hush.server;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Locale;

/**
 * The HTTP side of a node: page, wasm build, model weights, health, metrics, room links and the /ws upgrade.
 * Deployed once per event loop; all instances share the port, the hub and the loaded files.
 */
final class HttpVerticle extends VerticleBase {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String FALLBACK_PAGE = "<!doctype html><meta charset=utf-8><title>Hush</title>"
      + "<p>The Hush signaling server is running, but this build has no web page (web-demo's web/index.html)."
      + " Signaling is at <code>/ws</code>; see docs/protocol.md.</p>";

  private final ServerNode node;
  private final ServerConfig config;
  private final OriginPolicy origins;
  private HttpServer server;

  HttpVerticle(ServerNode node) {
    this.node = node;
    this.config = node.config();
    this.origins = new OriginPolicy(config.allowedOrigins(), config.tls());
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(this::commonHeaders);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(PrometheusScrapingHandler.create((PrometheusMeterRegistry) node.registry()));
    router.route("/ws").handler(this::upgrade);
    router.post("/api/rooms").handler(this::createRoom);
    router.get("/models/manifest.json").handler(this::modelManifest);
    router.route("/models/*").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::model);
    router.route("/wasm/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> node.wasm().serve(vertx, ctx, ctx.pathParam("*")));
    router.route("/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> node.web().serve(vertx, ctx, ctx.pathParam("*")));
    router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(this::fallbackPage);

    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setCompressionSupported(true)
        .setMaxWebSocketFrameSize(4 * config.maxMessageBytes())
        .setMaxWebSocketMessageSize(4 * config.maxMessageBytes())
        .setIdleTimeout((int) Math.max(1, 2 * config.idleTimeoutMillis() / 1000));
    if (config.tls()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(config.tlsCert().toString()).setKeyPath(config.tlsKey().toString()));
    }
    return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> {
      server = s;
      node.reportPort(s.actualPort());
    });
  }

  private void commonHeaders(RoutingContext ctx) {
    ctx.response().putHeader("X-Content-Type-Options", "nosniff")
        // Room links may carry a join token in the query: never leak it to other sites.
        .putHeader("Referrer-Policy", "no-referrer");
    ctx.next();
  }

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (!"websocket".equalsIgnoreCase(req.getHeader(HttpHeaders.UPGRADE))) {
      ctx.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket")
          .end("WebSocket upgrade expected\n");
      return;
    }
    if (node.hub().shuttingDown()) {
      ctx.response().setStatusCode(503).end("shutting down\n");
      return;
    }
    String origin = req.getHeader(HttpHeaders.ORIGIN);
    if (!origins.allows(origin, hostOf(req))) {
      Log.warn("ws.origin-refused", "origin", origin, "remote", req.remoteAddress());
      ctx.response().setStatusCode(403).end("origin not allowed\n");
      return;
    }
    req.toWebSocket()
        .onSuccess(ws -> node.hub().accept(ws))
        .onFailure(e -> Log.debug("ws.upgrade-failed", "error", e.toString()));
  }

  /** The host[:port] the browser addressed, as its Origin would spell it (default ports omitted by both). */
  private static String hostOf(HttpServerRequest req) {
    String host = req.getHeader(HttpHeaders.HOST);
    return host != null ? host : req.authority() == null ? null : req.authority().toString();
  }

  private void health(RoutingContext ctx) {
    SignalingHub hub = node.hub();
    JsonObject body = new JsonObject()
        .put("status", hub.shuttingDown() ? "shutting-down" : "up")
        .put("node", hub.nodeId())
        .put("cluster", config.cluster())
        .put("clusterNodes", node.clusterSize())
        .put("connections", hub.connectionCount())
        .put("peers", hub.peerCount())
        .put("rooms", hub.roomCount())
        .put("models", node.models().models().size())
        .put("uptimeSeconds", node.uptimeSeconds());
    ctx.response().setStatusCode(hub.shuttingDown() ? 503 : 200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  private void createRoom(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    if (!config.roomApi()) {
      ctx.response().setStatusCode(404).end();
      return;
    }
    if (!origins.allows(req.getHeader(HttpHeaders.ORIGIN), hostOf(req))) {
      ctx.response().setStatusCode(403).end("origin not allowed\n");
      return;
    }
    String room = Protocol.newRoomName();
    JsonObject body = new JsonObject().put("room", room);
    String link = "/?room=" + room;
    if (config.requireTokens()) {
      long expiry = System.currentTimeMillis() / 1000 + config.tokenTtlSeconds();
      String token = node.tokens().mint(room, expiry);
      body.put("token", token).put("expires", expiry);
      link += "&token=" + token;
    }
    body.put("link", link);
    Log.info("room.created", "room", room);
    ctx.response().setStatusCode(201).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(body.encode());
  }

  private void modelManifest(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .end(node.models().manifest().encode());
  }

  private void model(RoutingContext ctx) {
    var found = node.models().byUrl(ctx.request().path());
    if (found.isEmpty()) {
      ctx.response().setStatusCode(404).putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
          .end("no such model; see /models/manifest.json\n");
      return;
    }
    ModelCatalog.Model m = found.get();
    HttpServerResponse res = ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE)
        .putHeader(HttpHeaders.ETAG, m.etag())
        .putHeader(HttpHeaders.VARY, "Accept-Encoding");
    if (etagMatches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), m.etag())) {
      res.setStatusCode(304).end();
      return;
    }
    boolean gzip = m.gzipped() != null && acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
    byte[] body = gzip ? m.gzipped() : m.bytes();
    // Setting the encoding ourselves (gzip, or identity) keeps the server's own compression off this body.
    res.putHeader(HttpHeaders.CONTENT_ENCODING, gzip ? "gzip" : "identity");
    if (ctx.request().method() == HttpMethod.HEAD) {
      res.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length)).end();
    } else {
      res.end(Buffer.buffer(body));
    }
  }

  static boolean etagMatches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals(etag) || c.equals("*")) {
        return true;
      }
    }
    return false;
  }

  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
      String[] bits = part.trim().split(";");
      if (bits[0].trim().equals("gzip")) {
        for (int i = 1; i < bits.length; i++) {
          String p = bits[i].trim().replace(" ", "");
          if (p.startsWith("q=") && isZero(p.substring(2))) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  private static boolean isZero(String q) {
    try {
      return Double.parseDouble(q) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private void fallbackPage(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache").end(FALLBACK_PAGE);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
