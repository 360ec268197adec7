package dev.tuna.cli.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny OpenAI-shaped HTTP server on loopback for tests that need exact responses (errors, job sequences):
 * each "METHOD /path" answers with queued responses (the last one repeats), and every request is recorded.
 */
public final class FakeOpenAi implements AutoCloseable {
    public record Response(int status, String body, Map<String, String> headers) {
    }

    public record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Response>> routes = new HashMap<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public FakeOpenAi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Queues responses for "GET /v1/files" etc.; the last one keeps answering. */
    public synchronized FakeOpenAi on(String methodAndPath, Response... responses) {
        routes.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(responses));
        return this;
    }

    public FakeOpenAi on(String methodAndPath, int status, String body) {
        return on(methodAndPath, new Response(status, body, Map.of()));
    }

    public static Response json(int status, String body) {
        return new Response(status, body, Map.of());
    }

    /** An OpenAI error body. */
    public static String error(String message, String type, String param, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":"
                + (param == null ? "null" : "\"" + param + "\"") + ",\"code\":" + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<Request> requests(String methodAndPath) {
        return requests().stream().filter(r -> (r.method() + " " + r.path()).equals(methodAndPath)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestURI().getQuery(), Map.copyOf(ex.getRequestHeaders()), body));
        Response r;
        synchronized (this) {
            Deque<Response> q = routes.get(ex.getRequestMethod() + " " + path);
            r = q == null || q.isEmpty() ? null : q.size() > 1 ? q.removeFirst() : q.getFirst();
        }
        if (r == null) {
            r = json(404, error("no route " + ex.getRequestMethod() + " " + path, "invalid_request_error", null, null));
        }
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        boolean sse = r.body().startsWith("data: ");
        ex.getResponseHeaders().add("Content-Type", sse ? "text/event-stream" : "application/json");
        // Keep the SDK's retries quick: it honours retry-after-ms.
        ex.getResponseHeaders().add("retry-after-ms", "10");
        r.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(r.status(), bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
