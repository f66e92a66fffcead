package dev.hush.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** HTTPS and WSS with a PEM certificate, as in the LAN setup the README describes. */
@ExtendWith(VertxExtension.class)
class TlsTest {
  @Test
  void servesHttpsAndSecureWebSockets(Vertx vertx) throws Exception {
    Path cert = Path.of(getClass().getResource("/tls/test-cert.pem").toURI());
    Path key = Path.of(getClass().getResource("/tls/test-key.pem").toURI());
    ServerNode node = TestNodes.start("tls-cert", cert.toString(), "tls-key", key.toString());
    try {
      assertEquals("https://127.0.0.1:" + node.port(), node.baseUrl());
      PemTrustOptions trust = new PemTrustOptions().addCertPath(cert.toString());
      io.vertx.core.http.HttpClient trusting = vertx.createHttpClient(
          new HttpClientOptions().setSsl(true).setTrustOptions(trust));
      int status = trusting.request(HttpMethod.GET, node.port(), "localhost", "/health").compose(r -> r.send())
          .map(r -> r.statusCode()).await(10, TimeUnit.SECONDS);
      assertEquals(200, status);

      LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
      io.vertx.core.http.WebSocketClient wsClient = vertx.createWebSocketClient(
          new WebSocketClientOptions().setSsl(true).setTrustOptions(trust));
      WebSocket ws = wsClient.connect(new WebSocketConnectOptions().setHost("localhost").setPort(node.port()).setURI("/ws")
              .setSsl(true).addHeader("Origin", "https://localhost:" + node.port()))
          .onSuccess(w -> w.textMessageHandler(t -> inbox.add(new JsonObject(t))))
          .await(10, TimeUnit.SECONDS);
      assertEquals("hello", inbox.poll(10, TimeUnit.SECONDS).getString("type"));
      ws.writeTextMessage("{\"v\":1,\"type\":\"join\",\"room\":\"secure\",\"name\":\"T\"}");
      assertEquals("joined", inbox.poll(10, TimeUnit.SECONDS).getString("type"));

      // A client that does not trust the certificate is refused by TLS itself.
      io.vertx.core.http.HttpClient untrusting = vertx.createHttpClient(new HttpClientOptions().setSsl(true));
      assertThrows(Exception.class, () -> untrusting.request(HttpMethod.GET, node.port(), "localhost", "/health").compose(r -> r.send())
          .await(10, TimeUnit.SECONDS));
    } finally {
      TestNodes.stop(node);
    }
  }
}
