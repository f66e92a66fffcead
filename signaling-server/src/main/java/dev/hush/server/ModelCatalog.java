package dev.hush.server;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The model weights this node serves. Loaded and verified once, before the server starts (hashing is
 * blocking work that must not run on an event loop): every {@code NAME.bin} must match the SHA-256 and
 * size its {@code NAME.manifest.json} declares, or it is refused with an error log and not served.
 */
public final class ModelCatalog {
  public static final String CLASSPATH_DIR = "models";
  public static final String URL_PREFIX = "/models/";
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
  /** Gzip is kept only when it saves at least this fraction; float weights often barely compress. */
  private static final double GZIP_MIN_SAVING = 0.05;

  /** One verified model, held in memory with its optional gzip form. */
  public record Model(String name, String version, String sha256, long size, byte[] bytes, byte[] gzipped,
      JsonObject training) {
    public String url() {
      return URL_PREFIX + name + "-" + sha256 + ".bin";
    }

    public String etag() {
      return "\"" + sha256 + "\"";
    }

    JsonObject describe() {
      JsonObject o = new JsonObject().put("name", name).put("version", version).put("sha256", sha256)
          .put("size", size).put("url", url());
      if (training != null) {
        o.put("training", training);
      }
      return o;
    }
  }

  private final Map<String, Model> byUrl;
  private final List<Model> models;
  private final String defaultName;

  private ModelCatalog(List<Model> models, String requestedDefault) {
    this.models = List.copyOf(models);
    Map<String, Model> urls = new LinkedHashMap<>();
    for (Model m : models) {
      urls.put(m.url(), m);
    }
    this.byUrl = Collections.unmodifiableMap(urls);
    if (requestedDefault != null && models.stream().noneMatch(m -> m.name().equals(requestedDefault))) {
      Log.error("model.default-missing", null, "name", requestedDefault);
    }
    this.defaultName = requestedDefault != null
        && models.stream().anyMatch(m -> m.name().equals(requestedDefault))
        ? requestedDefault : models.isEmpty() ? null : models.get(0).name();
  }

  public static ModelCatalog empty() {
    return new ModelCatalog(List.of(), null);
  }

  /** Loads from {@code dir} if given, else from every {@code models/} directory on the classpath. */
  public static ModelCatalog load(Path dir, String defaultName) {
    Map<String, Source> sources = dir != null ? fromDirectory(dir) : fromClasspath();
    List<Model> verified = new ArrayList<>();
    for (Map.Entry<String, Source> e : sources.entrySet()) {
      verify(e.getKey(), e.getValue()).ifPresent(verified::add);
    }
    Log.info("models.loaded", "count", verified.size(), "source", dir != null ? dir : "classpath:" + CLASSPATH_DIR);
    return new ModelCatalog(verified, defaultName);
  }

  public List<Model> models() {
    return models;
  }

  public Optional<Model> byUrl(String path) {
    return Optional.ofNullable(byUrl.get(path));
  }

  public JsonObject manifest() {
    JsonArray list = new JsonArray();
    models.forEach(m -> list.add(m.describe()));
    return new JsonObject().put("models", list).put("default", defaultName);
  }

  /** Where to read one model's two files from. */
  private interface Source {
    byte[] manifest() throws IOException;

    byte[] weights() throws IOException;
  }

  private static Optional<Model> verify(String baseName, Source source) {
    try {
      JsonObject manifest = new JsonObject(new String(source.manifest(), StandardCharsets.UTF_8));
      String name = manifest.getString("name");
      String version = String.valueOf(manifest.getValue("version"));
      String declaredSha = manifest.getString("sha256", "").toLowerCase(Locale.ROOT);
      Number declaredSize = manifest.getNumber("size");
      if (name == null || !SAFE_NAME.matcher(name).matches()) {
        return refuse(baseName, "manifest name missing or not [A-Za-z0-9._-]: " + name);
      }
      if (!name.equals(baseName)) {
        return refuse(baseName, "manifest name '" + name + "' differs from the file name");
      }
      if (manifest.getValue("version") == null) {
        return refuse(baseName, "manifest has no version");
      }
      if (!SHA256_HEX.matcher(declaredSha).matches()) {
        return refuse(baseName, "manifest sha256 is not 64 hex digits");
      }
      if (declaredSize == null) {
        return refuse(baseName, "manifest has no size");
      }
      byte[] bytes = source.weights();
      String actualSha = sha256Hex(bytes);
      if (bytes.length != declaredSize.longValue()) {
        return refuse(baseName, "size " + bytes.length + " != manifest size " + declaredSize);
      }
      if (!actualSha.equals(declaredSha)) {
        return refuse(baseName, "sha256 " + actualSha + " != manifest sha256 " + declaredSha);
      }
      byte[] gz = gzip(bytes);
      byte[] gzipped = gz.length <= bytes.length * (1 - GZIP_MIN_SAVING) ? gz : null;
      JsonObject training = manifest.getValue("training") instanceof JsonObject t ? t : null;
      Log.info("model.verified", "name", name, "version", version, "sha256", actualSha, "size", bytes.length,
          "gzip", gzipped != null ? gzipped.length : null);
      return Optional.of(new Model(name, version, actualSha, bytes.length, bytes, gzipped, training));
    } catch (IOException | UncheckedIOException e) {
      return refuse(baseName, "cannot read: " + e.getMessage());
    } catch (DecodeException | ClassCastException e) {
      return refuse(baseName, "manifest is not valid JSON of the expected shape: " + e.getMessage());
    }
  }

  private static Optional<Model> refuse(String name, String why) {
    Log.error("model.refused", null, "name", name, "reason", why);
    return Optional.empty();
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(9);
      }
    }) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static Map<String, Source> fromDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--models-dir " + dir + " is not a directory");
    }
    Map<String, Source> found = new TreeMap<>();
    try (var files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bin")).sorted().forEach(n -> {
        String base = n.substring(0, n.length() - 4);
        Path manifest = dir.resolve(base + ".manifest.json");
        if (!Files.isRegularFile(manifest)) {
          refuse(base, "no " + base + ".manifest.json next to it");
          return;
        }
        found.put(base, new Source() {
          public byte[] manifest() throws IOException {
            return Files.readAllBytes(manifest);
          }

          public byte[] weights() throws IOException {
            return Files.readAllBytes(dir.resolve(n));
          }
        });
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return found;
  }

  private static Map<String, Source> fromClasspath() {
    Map<String, Source> found = new TreeMap<>();
    ClassLoader loader = ModelCatalog.class.getClassLoader();
    List<String> names = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(CLASSPATH_DIR))) {
        if ("file".equals(url.getProtocol())) {
          try (var files = Files.list(Path.of(url.toURI()))) {
            files.map(p -> p.getFileName().toString()).forEach(names::add);
          }
        } else if ("jar".equals(url.getProtocol())) {
          JarURLConnection conn = (JarURLConnection) url.openConnection();
          conn.setUseCaches(false);
          try (JarFile jar = conn.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
              String n = entry.getName();
              if (n.startsWith(CLASSPATH_DIR + "/") && n.indexOf('/', CLASSPATH_DIR.length() + 1) < 0) {
                names.add(n.substring(CLASSPATH_DIR.length() + 1));
              }
            }
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      Log.error("models.classpath-unreadable", e);
      return found;
    }
    for (String n : names) {
      if (!n.endsWith(".bin") || found.containsKey(n.substring(0, n.length() - 4))) {
        continue;
      }
      String base = n.substring(0, n.length() - 4);
      if (loader.getResource(CLASSPATH_DIR + "/" + base + ".manifest.json") == null) {
        refuse(base, "no " + base + ".manifest.json next to it");
        continue;
      }
      found.put(base, new Source() {
        public byte[] manifest() throws IOException {
          return readResource(loader, CLASSPATH_DIR + "/" + base + ".manifest.json");
        }

        public byte[] weights() throws IOException {
          return readResource(loader, CLASSPATH_DIR + "/" + n);
        }
      });
    }
    return found;
  }

  private static byte[] readResource(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing classpath resource " + name);
      }
      return in.readAllBytes();
    }
  }
}
