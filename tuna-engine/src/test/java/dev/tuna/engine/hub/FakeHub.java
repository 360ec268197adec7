package dev.tuna.engine.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server with the Hugging Face hub's URL layout: model info at
 * {@code /api/models/REPO/revision/REV}, files at {@code /REPO/resolve/REV/FILE}, LFS files redirected to a
 * "CDN" on another host name ({@code localhost} instead of {@code 127.0.0.1}), HTTP ranges honoured.
 */
public final class FakeHub implements AutoCloseable {
    /** A config.json the engine accepts: a tiny Llama. */
    public static final String TINY_LLAMA_CONFIG = """
            {"model_type": "llama", "architectures": ["LlamaForCausalLM"], "hidden_size": 64, "intermediate_size": 128,
             "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 300,
             "rms_norm_eps": 1e-5, "max_position_embeddings": 256}""";
    public static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    record Served(String path, String authorization, String range) {
    }

    final Map<String, byte[]> files = new LinkedHashMap<>();
    final Map<String, Boolean> lfs = new LinkedHashMap<>();
    final List<Served> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> corruptSha = new LinkedHashMap<>();
    String repo = "org/tiny";
    public String requiredToken;
    /** When set, the next download of this file stops after half its bytes (a dropped connection). */
    public volatile String cutOnce;
    private final HttpServer server;

    public FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void put(String name, String text, boolean isLfs) {
        files.put(name, text.getBytes(StandardCharsets.UTF_8));
        lfs.put(name, isLfs);
    }

    public void put(String name, byte[] bytes, boolean isLfs) {
        files.put(name, bytes);
        lfs.put(name, isLfs);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        requests.add(new Served(path, auth, ex.getRequestHeaders().getFirst("Range")));
        try (ex) {
            boolean cdn = path.startsWith("/cdn/");
            if (!cdn && requiredToken != null && !("Bearer " + requiredToken).equals(auth)) {
                send(ex, 401, ("{\"error\":\"Access to model " + repo + " is restricted.\"}").getBytes());
                return;
            }
            if (path.equals("/api/models/" + repo + "/revision/main")) {
                send(ex, 200, info().getBytes(StandardCharsets.UTF_8));
                return;
            }
            String prefix = "/" + repo + "/resolve/" + COMMIT + "/";
            if (path.startsWith(prefix) && files.containsKey(path.substring(prefix.length()))) {
                String name = path.substring(prefix.length());
                if (lfs.get(name)) {
                    ex.getResponseHeaders().add("Location", "http://localhost:" + server.getAddress().getPort() + "/cdn/" + name);
                    ex.sendResponseHeaders(302, -1);
                    return;
                }
                sendFile(ex, name);
                return;
            }
            if (cdn && files.containsKey(path.substring(5))) {
                sendFile(ex, path.substring(5));
                return;
            }
            send(ex, 404, "{\"error\":\"Repository Not Found\"}".getBytes());
        }
    }

    private void sendFile(HttpExchange ex, String name) throws IOException {
        byte[] data = files.get(name);
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        int status = 200;
        if (range != null && range.startsWith("bytes=")) {
            from = Integer.parseInt(range.substring(6, range.indexOf('-')));
            status = 206;
        }
        int length = data.length - from;
        ex.sendResponseHeaders(status, length);
        try (OutputStream out = ex.getResponseBody()) {
            if (name.equals(cutOnce)) {
                cutOnce = null;
                out.write(data, from, length / 2);
                out.flush();
                throw new IOException("connection dropped on purpose");
            }
            out.write(data, from, length);
        }
    }

    private String info() {
        StringBuilder sb = new StringBuilder("{\"id\":\"" + repo + "\",\"sha\":\"" + COMMIT + "\",\"siblings\":[");
        boolean first = true;
        for (var e : files.entrySet()) {
            sb.append(first ? "" : ",");
            first = false;
            byte[] data = e.getValue();
            if (lfs.get(e.getKey())) {
                String sha = corruptSha.getOrDefault(e.getKey(), hex("SHA-256", data, null));
                sb.append("{\"rfilename\":\"%s\",\"size\":%d,\"blobId\":\"x\",\"lfs\":{\"sha256\":\"%s\",\"size\":%d,\"pointerSize\":134}}"
                        .formatted(e.getKey(), data.length, sha, data.length));
            } else {
                String blob = hex("SHA-1", data, ("blob " + data.length + "\0").getBytes());
                sb.append("{\"rfilename\":\"%s\",\"size\":%d,\"blobId\":\"%s\"}".formatted(e.getKey(), data.length, blob));
            }
        }
        return sb.append("]}").toString();
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    static String hex(String algorithm, byte[] data, byte[] prefix) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                md.update(prefix);
            }
            return HexFormat.of().formatHex(md.digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
