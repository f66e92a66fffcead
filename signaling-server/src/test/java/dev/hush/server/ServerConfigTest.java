package dev.hush.server;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTest {
  @Test
  void defaultsAreLoopback8080AndRoomsOfEight() {
    ServerConfig c = ServerConfig.defaults();
    assertEquals("127.0.0.1", c.host());
    assertEquals(8080, c.port());
    assertEquals(8, c.roomCapacity());
    assertEquals(65536, c.maxMessageBytes());
    assertFalse(c.tls());
    assertFalse(c.cluster());
    assertTrue(c.allowedOrigins().isEmpty());
  }

  @Test
  void flagsWinOverEnvironmentVariablesOfTheSameName() {
    ServerConfig c = ServerConfig.parse(new String[] {"--port", "9000", "--cluster", "--room-capacity=4"},
        Map.of("HUSH_PORT", "7000", "HUSH_HOST", "0.0.0.0", "HUSH_ALLOWED_ORIGINS", "https://a.example, https://b.example"));
    assertEquals(9000, c.port());
    assertEquals("0.0.0.0", c.host());
    assertTrue(c.cluster());
    assertEquals(4, c.roomCapacity());
    assertEquals(java.util.List.of("https://a.example", "https://b.example"), c.allowedOrigins());
  }

  @Test
  void badValuesAreExplained() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--port", "http"}, Map.of())).getMessage().contains("--port"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--prot", "1"}, Map.of())).getMessage().contains("unknown flag"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--tls-cert", "a.pem"}, Map.of())).getMessage().contains("--tls-key"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--ice-servers", "{}"}, Map.of())).getMessage().contains("JSON array"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--require-tokens"}, Map.of())).getMessage().contains("--token-secret"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.parse(new String[] {"--room-capacity", "1"}, Map.of())).getMessage().contains("room-capacity"));
  }

  @Test
  void withReplacesOnlyWhatIsGiven() {
    ServerConfig c = ServerConfig.parse(new String[] {"--ice-servers", "[{\"urls\":\"stun:s\"}]"}, Map.of())
        .with(Map.of("port", "0"));
    assertEquals(0, c.port());
    assertEquals("stun:s", c.iceServers().getJsonObject(0).getString("urls"));
  }

  @Test
  void originPolicy() {
    OriginPolicy same = new OriginPolicy(java.util.List.of(), false);
    assertTrue(same.allows(null, "127.0.0.1:8080"));
    assertTrue(same.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
    assertFalse(same.allows("http://127.0.0.1:8081", "127.0.0.1:8080"));
    assertFalse(same.allows("null", "127.0.0.1:8080"));
    assertFalse(new OriginPolicy(java.util.List.of(), true).allows("http://h:1", "h:1"));
    assertTrue(new OriginPolicy(java.util.List.of("*"), false).allows("https://anything", "h"));
  }

  @Test
  void acceptEncodingAndEtagParsing() {
    assertTrue(HttpVerticle.acceptsGzip("gzip, deflate, br"));
    assertTrue(HttpVerticle.acceptsGzip("br;q=1.0, gzip;q=0.8"));
    assertFalse(HttpVerticle.acceptsGzip("gzip;q=0"));
    assertFalse(HttpVerticle.acceptsGzip("identity"));
    assertFalse(HttpVerticle.acceptsGzip(null));
    assertTrue(HttpVerticle.etagMatches("\"a\", \"b\"", "\"b\""));
    assertTrue(HttpVerticle.etagMatches("W/\"b\"", "\"b\""));
    assertFalse(HttpVerticle.etagMatches("\"c\"", "\"b\""));
  }
}
