package dev.hush.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Files served under one URL prefix: either a snapshot of a classpath directory taken at startup (the
 * packaged page and wasm build; small, so held in memory with a content-hash ETag), or a live directory on
 * disk (development: edit and reload). Not content-addressed, so browsers revalidate ({@code no-cache}).
 */
final class StaticAssets {
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("wasm", "application/wasm"),
      Map.entry("wat", "text/plain; charset=utf-8"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("wav", "audio/wav"),
      Map.entry("bin", "application/octet-stream"));

  record Asset(byte[] bytes, String etag) {
  }

  private final String name;
  private final Map<String, Asset> snapshot;
  private final Path liveDir;

  private StaticAssets(String name, Map<String, Asset> snapshot, Path liveDir) {
    this.name = name;
    this.snapshot = snapshot;
    this.liveDir = liveDir;
  }

  /** Blocking: reads every file under the classpath directory (all jars and class folders that have one). */
  static StaticAssets fromClasspath(String root) {
    Map<String, Asset> files = new HashMap<>();
    ClassLoader loader = StaticAssets.class.getClassLoader();
    try {
      for (URL url : Collections.list(loader.getResources(root))) {
        if ("file".equals(url.getProtocol())) {
          Path dir = Path.of(url.toURI());
          try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
              String rel = dir.relativize(p).toString().replace('\\', '/');
              files.putIfAbsent(rel, asset(Files.readAllBytes(p)));
            }
          }
        } else if ("jar".equals(url.getProtocol())) {
          JarURLConnection conn = (JarURLConnection) url.openConnection();
          conn.setUseCaches(false);
          try (JarFile jar = conn.getJarFile()) {
            for (JarEntry e : Collections.list(jar.entries())) {
              if (!e.isDirectory() && e.getName().startsWith(root + "/")) {
                try (InputStream in = jar.getInputStream(e)) {
                  files.putIfAbsent(e.getName().substring(root.length() + 1), asset(in.readAllBytes()));
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath " + root, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Log.info("assets.loaded", "root", "classpath:" + root, "files", files.size());
    return new StaticAssets("classpath:" + root, Map.copyOf(files), null);
  }

  static StaticAssets fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory");
    }
    Log.info("assets.live", "root", dir.toAbsolutePath());
    return new StaticAssets(dir.toString(), Map.of(), dir.toAbsolutePath().normalize());
  }

  private static Asset asset(byte[] bytes) {
    return new Asset(bytes, "\"" + ModelCatalog.sha256Hex(bytes).substring(0, 32) + "\"");
  }

  boolean has(String relativePath) {
    return liveDir != null ? Files.isRegularFile(liveDir.resolve(relativePath)) : snapshot.containsKey(relativePath);
  }

  List<String> list() {
    return snapshot.keySet().stream().sorted().toList();
  }

  static String contentType(String path) {
    int dot = path.lastIndexOf('.');
    String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  /**
   * Serves {@code relativePath} (already stripped of the URL prefix), or calls next() when there is no such
   * file. Paths with "..", backslashes or NULs never reach the disk.
   */
  void serve(Vertx vertx, RoutingContext ctx, String relativePath) {
    String path = relativePath.isEmpty() || relativePath.endsWith("/") ? relativePath + "index.html" : relativePath;
    if (path.contains("..") || path.contains("\\") || path.indexOf('\0') >= 0 || path.startsWith("/")) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    if (liveDir == null) {
      Asset a = snapshot.get(path);
      if (a == null) {
        ctx.next();
        return;
      }
      respond(ctx, path, a.bytes(), a.etag());
      return;
    }
    Path file = liveDir.resolve(path).normalize();
    if (!file.startsWith(liveDir)) {
      ctx.response().setStatusCode(400).end();
      return;
    }
    vertx.fileSystem().readFile(file.toString()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.next();
      } else {
        Buffer b = ar.result();
        respond(ctx, path, b.getBytes(), null);
      }
    });
  }

  private static void respond(RoutingContext ctx, String path, byte[] bytes, String etag) {
    HttpServerResponse res = ctx.response();
    res.putHeader(HttpHeaders.CONTENT_TYPE, contentType(path))
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    if (etag != null) {
      res.putHeader(HttpHeaders.ETAG, etag);
      if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
        res.setStatusCode(304).end();
        return;
      }
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      res.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length)).end();
      return;
    }
    res.end(Buffer.buffer(bytes));
  }

  @Override
  public String toString() {
    return name;
  }

  static Future<StaticAssets> load(Vertx vertx, Path dir, String classpathRoot) {
    return vertx.executeBlocking(() -> dir != null ? fromDirectory(dir) : fromClasspath(classpathRoot));
  }
}
