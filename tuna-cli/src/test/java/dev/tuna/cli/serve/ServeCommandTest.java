package dev.tuna.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuna serve} in its own JVM, as a user runs it: it answers the OpenAI API, needs its key, and on SIGTERM
 * the training job checkpoints, to finish after the next start.
 */
class ServeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/v1)");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Process serve(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.tuna.cli.Main", "serve"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("TUNA_API_KEY");
        return pb.start();
    }

    /** Reads the child's output until it prints its address. */
    private static URI address(Process p, StringBuilder log) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            log.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        r.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException ignored) {
                        // the child is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1) + "/");
            }
        }
        throw new AssertionError("tuna serve exited before listening:\n" + log);
    }

    private JsonNode call(String method, URI uri, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", r.statusCode());
        return body;
    }

    @Test
    void servesWithAKeyAndCheckpointsOnSigterm() throws Exception {
        Path data = dir.resolve("home");
        Process p = serve(List.of("--port", "0", "--data-dir", data.toString(), "--api-key", "sk-test"));
        StringBuilder log = new StringBuilder();
        String jobId;
        try {
            URI v1 = address(p, log);
            assertThat(log).contains("API key: required");
            assertThat(call("GET", v1.resolve("models"), null, null).get("_status").asInt()).isEqualTo(401);
            JsonNode models = call("GET", v1.resolve("models"), "sk-test", null);
            assertThat(models.get("data").get(0).get("id").asText()).isEqualTo("tuna-nano");

            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                lines.append("{\"messages\":[{\"role\":\"user\",\"content\":\"What is ").append(i)
                        .append(" plus one?\"},{\"role\":\"assistant\",\"content\":\"").append(i + 1).append(".\"}]}\n");
            }
            String boundary = "b0undary";
            String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                    + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"add.jsonl\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n" + lines + "\r\n--" + boundary + "--\r\n";
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(v1.resolve("files"))
                    .header("Authorization", "Bearer sk-test")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofString(multipart)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            String fileId = JSON.readTree(upload.body()).get("id").asText();
            jobId = call("POST", v1.resolve("fine_tuning/jobs"), "sk-test", "{\"model\":\"tuna-nano\","
                    + "\"training_file\":\"" + fileId + "\",\"hyperparameters\":{\"n_epochs\":20,\"batch_size\":1}}")
                    .get("id").asText();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (true) {
                JsonNode events = call("GET", v1.resolve("fine_tuning/jobs/" + jobId + "/events?limit=1"), "sk-test",
                        null);
                if (events.get("data").size() == 1 && events.get("data").get(0).get("type").asText().equals("metrics")
                        && events.get("data").get(0).get("data").get("step").asInt() >= 3) {
                    break;
                }
                assertThat(Instant.now()).as(log.toString()).isBefore(deadline);
                Thread.sleep(50);
            }
        } finally {
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(Files.exists(data.resolve("tuna.db"))).isTrue();

        try (TunaServer server = TunaServer.start(ServerConfig.of(data, data.resolve("models")).withPort(0))) {
            URI v1 = URI.create(server.baseUrl() + "/");
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            JsonNode job;
            do {
                job = call("GET", v1.resolve("fine_tuning/jobs/" + jobId), null, null);
                assertThat(job.get("status").asText()).isNotIn("failed", "cancelled");
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(100);
            } while (!job.get("status").asText().equals("succeeded"));
            List<String> messages = new ArrayList<>();
            call("GET", v1.resolve("fine_tuning/jobs/" + jobId + "/events?limit=10000"), null, null).get("data")
                    .forEach(e -> messages.add(e.get("message").asText()));
            assertThat(messages).anyMatch(m -> m.startsWith("Server shutting down: checkpoint written after step"));
            assertThat(messages).anyMatch(m -> m.startsWith("Resumed from checkpoint at step"));
            assertThat(job.get("fine_tuned_model").asText()).startsWith("ft:tuna-nano:local::");
        }
    }

    @Test
    void aBusyPortIsAClearError() throws Exception {
        try (TunaServer running = TunaServer.start(ServerConfig.of(dir.resolve("a"), dir.resolve("m")).withPort(0))) {
            Process p = serve(List.of("--port", Integer.toString(running.port()), "--data-dir", dir.resolve("b").toString()));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(2);
            assertThat(out).contains("cannot listen on 127.0.0.1:" + running.port()).contains("--port")
                    .doesNotContain("\tat ");
        }
    }
}
