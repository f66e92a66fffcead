package dev.hush.server;

import io.vertx.core.json.JsonObject;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Structured logs: one JSON object per line, {@code {"ts":..,"level":..,"event":"peer.joined","room":..}}.
 * The server's own events carry key/value fields; third-party log lines (Vert.x, Hazelcast, Netty) go
 * through the same formatter with their text in "msg".
 */
public final class Log {
  private static final Logger LOGGER = Logger.getLogger("dev.hush.server");
  // Strong references: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  private static final Logger MICROMETER = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private Log() {
  }

  /** Routes java.util.logging (which Vert.x and Hazelcast use here) to JSON lines on stderr. */
  public static void installJsonLogging(Level level) {
    System.setProperty("hazelcast.logging.type", "jdk");
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(Level.ALL);
    handler.setFormatter(new JsonFormatter());
    root.addHandler(handler);
    root.setLevel(level);
    // Hazelcast narrates every membership step at INFO; keep its warnings only.
    HAZELCAST.setLevel(Level.WARNING);
    LOGGER.setLevel(level);
    // Two HTTP verticle instances share one server; Micrometer warns once that its gauge already exists.
    MICROMETER.setLevel(Level.SEVERE);
  }

  public static void info(String event, Object... fields) {
    log(Level.INFO, event, null, fields);
  }

  public static void warn(String event, Object... fields) {
    log(Level.WARNING, event, null, fields);
  }

  public static void error(String event, Throwable error, Object... fields) {
    log(Level.SEVERE, event, error, fields);
  }

  public static void debug(String event, Object... fields) {
    log(Level.FINE, event, null, fields);
  }

  /**
   * The server's own events bypass java.util.logging's handlers and go straight to stderr: the JDK resets
   * those handlers in its own shutdown hook, which would silence the graceful-shutdown log lines.
   */
  private static void log(Level level, String event, Throwable error, Object... fields) {
    if (!LOGGER.isLoggable(level)) {
      return;
    }
    LogRecord record = new LogRecord(level, event);
    record.setLoggerName(LOGGER.getName());
    record.setParameters(fields);
    record.setThrown(error);
    String line = FORMATTER.format(record);
    synchronized (System.err) {
      System.err.print(line);
      System.err.flush();
    }
  }

  private static final JsonFormatter FORMATTER = new JsonFormatter();

  static final class JsonFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
      JsonObject line = new JsonObject()
          .put("ts", Instant.ofEpochMilli(r.getMillis()).toString())
          .put("level", r.getLevel().getName())
          .put("logger", r.getLoggerName());
      if (LOGGER.getName().equals(r.getLoggerName())) {
        line.put("event", r.getMessage());
        Object[] p = r.getParameters();
        for (int i = 0; p != null && i + 1 < p.length; i += 2) {
          Object value = p[i + 1];
          line.put(String.valueOf(p[i]), value instanceof Number || value instanceof Boolean || value == null
              ? value : String.valueOf(value));
        }
      } else {
        line.put("msg", formatMessage(r));
      }
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        line.put("error", String.valueOf(r.getThrown())).put("trace", trace.toString());
      }
      return line.encode() + System.lineSeparator();
    }
  }
}
