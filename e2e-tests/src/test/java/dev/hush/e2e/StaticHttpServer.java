package dev.hush.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the WebAssembly build ({@code /wasm/} from the class-path folder {@code hush-wasm/}), the test page
 * ({@code /test/} from {@code wasm-e2e/}) and per-test fixtures ({@code /fixtures/NAME}) on 127.0.0.1.
 * A real server is needed: Playwright's request routing does not see AudioWorklet module fetches.
 */
final class StaticHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> fixtures = new ConcurrentHashMap<>();

    StaticHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/wasm/", exchange -> serveResource(exchange, "/wasm/", "hush-wasm/"));
        server.createContext("/test/", exchange -> serveResource(exchange, "/test/", "wasm-e2e/"));
        server.createContext("/fixtures/", this::serveFixture);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void putFixture(String name, byte[] body) {
        fixtures.put(name, body);
    }

    private static void serveResource(HttpExchange exchange, String prefix, String folder) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring(prefix.length());
        if (rest.isEmpty() || rest.contains("..")) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        try (InputStream in = StaticHttpServer.class.getClassLoader().getResourceAsStream(folder + rest)) {
            if (in == null) {
                send(exchange, 404, "text/plain", ("no " + folder + rest).getBytes());
            } else {
                send(exchange, 200, contentType(rest), in.readAllBytes());
            }
        }
    }

    private void serveFixture(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/fixtures/".length());
        byte[] body = fixtures.get(name);
        if (body == null) {
            send(exchange, 404, "text/plain", new byte[0]);
        } else {
            send(exchange, 200, contentType(name), body);
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".js") || name.endsWith(".mjs")) {
            return "text/javascript";
        }
        if (name.endsWith(".wasm")) {
            return "application/wasm";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
