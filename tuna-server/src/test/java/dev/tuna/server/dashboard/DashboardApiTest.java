package dev.tuna.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = "{\"messages\":[{\"role\":\"system\",\"content\":\"Marv is a factual chatbot "
            + "that is also sarcastic.\"},{\"role\":\"user\",\"content\":\"대한민국의 수도는? %d\"},"
            + "{\"role\":\"assistant\",\"content\":\"서울입니다.\"}]}";

    @TempDir
    Path data;
    private Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        DashboardApi api = new DashboardApi(data.resolve("reports"), data.resolve("tmp"), 1 << 20);
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            api.register(c.routes);
        }).start();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static String examples(int n) {
        return IntStream.range(0, n).mapToObj(i -> EXAMPLE.formatted(i)).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void validReportHasExactTokenCountsAndOpenAiCosts() throws Exception {
        HttpResponse<String> r = post("/tuna/validate", examples(12));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(r.body());
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("examples").asLong()).isEqualTo(12);
        assertThat(report.get("errors")).isEmpty();
        assertThat(report.at("/tokens/exact").asBoolean()).isTrue();
        assertThat(report.at("/tokens/encoding").asText()).isEqualTo("o200k_base");
        assertThat(report.at("/tokens/total/min").asInt()).isPositive();
        assertThat(report.at("/tokens/total/sum").asLong()).isGreaterThanOrEqualTo(12L * report.at("/tokens/total/min").asInt());
        assertThat(report.get("openai")).hasSize(2);
        JsonNode mini = report.get("openai").get(0);
        assertThat(mini.get("model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(mini.get("epochs").asInt()).isEqualTo(8); // 100 // 12, OpenAI's rule for small files
        assertThat(mini.get("billedTokens").asLong()).isEqualTo(8 * report.at("/tokens/total/sum").asLong());
        assertThat(mini.get("cost").asDouble()).isPositive();
        assertThat(report.get("openai").get(1).get("limit").asInt()).isEqualTo(16_385);
    }

    @Test
    void errorsNameTheirLineAndCategory() throws Exception {
        String file = examples(5) + "not json\n{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\n";
        JsonNode report = JSON.readTree(post("/tuna/validate", file).body());
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("errorCount").asLong()).isEqualTo(report.get("errors").size());
        assertThat(report.get("errors").findValuesAsText("category"))
                .contains("invalid_json", "example_missing_assistant_message");
        JsonNode invalidJson = null;
        for (JsonNode e : report.get("errors")) {
            if (e.get("category").asText().equals("invalid_json")) {
                invalidJson = e;
            }
        }
        assertThat(invalidJson.get("line").asLong()).isEqualTo(6);
        assertThat(invalidJson.get("fix").asText()).isNotBlank();
        // Too few examples is about the whole file: no line.
        assertThat(report.get("errors").findValuesAsText("category")).anyMatch(c -> c.contains("examples"));
    }

    @Test
    void anOversizedFileIsRefusedWith413() throws Exception {
        HttpResponse<String> r = post("/tuna/validate", "x".repeat((1 << 20) + 1));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).at("/error/code").asText()).isEqualTo("file_too_large");
        assertThat(Files.list(data.resolve("tmp"))).isEmpty();
    }

    @Test
    void reportsAreListedNewestFirstAndServed() throws Exception {
        Path reports = Files.createDirectories(data.resolve("reports/run-2"));
        Path older = Files.writeString(data.resolve("reports/base-vs-ft.html"), "<h1>EM 12.5 · 질문</h1>");
        Files.setLastModifiedTime(older, FileTime.fromMillis(1_700_000_000_000L));
        Files.writeString(reports.resolve("report.json"), "{\"exact_match\": 50.0}");
        Files.writeString(data.resolve("reports/notes.txt"), "not a report");

        JsonNode list = JSON.readTree(get("/tuna/reports").body());
        assertThat(list.get("data").findValuesAsText("name")).containsExactly("run-2/report.json", "base-vs-ft.html");
        assertThat(list.get("data").get(1).get("modified_at").asLong()).isEqualTo(1_700_000_000L);

        HttpResponse<String> html = get("/tuna/reports/base-vs-ft.html");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).isEqualTo("<h1>EM 12.5 · 질문</h1>");
        assertThat(get("/tuna/reports/run-2/report.json").body()).contains("exact_match");
    }

    @Test
    void reportNamesCannotLeaveTheReportsFolder() throws Exception {
        Files.createDirectories(data.resolve("reports"));
        Files.writeString(data.resolve("secret.json"), "{}", StandardCharsets.UTF_8);
        Files.writeString(data.resolve("reports/notes.txt"), "x");
        assertThat(get("/tuna/reports/..%2Fsecret.json").statusCode()).isEqualTo(404);
        assertThat(get("/tuna/reports/%2E%2E/secret.json").statusCode()).isEqualTo(404);
        assertThat(get("/tuna/reports/notes.txt").statusCode()).isEqualTo(404);
        DashboardApi api = new DashboardApi(data.resolve("reports"), data.resolve("tmp"), 1);
        assertThat(api.resolveReport("../secret.json")).isNull();
        assertThat(api.resolveReport(data.resolve("secret.json").toString())).isNull();
    }

    @Test
    void anEmptyOrMissingReportsFolderListsNothing() throws Exception {
        JsonNode list = JSON.readTree(get("/tuna/reports").body());
        assertThat(list.get("data")).isEmpty();
        assertThat(list.get("folder").asText()).endsWith("reports");
    }
}
