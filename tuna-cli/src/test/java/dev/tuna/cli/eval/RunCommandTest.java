package dev.tuna.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tuna.cli.Cli;
import dev.tuna.data.eval.EvalReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuna eval run} end to end over HTTP against a scripted OpenAI-shaped backend: which requests it sends, what it
 * writes and prints. (Runs against the real local server with a trained nano are in EvalAgainstLocalServerTest.)
 */
class RunCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> GOLD = Map.of("한국의 수도는?", "서울", "가장 긴 강은?", "낙동강", "가장 높은 산은?", "한라산");

    @TempDir
    Path dir;

    HttpServer server;
    final List<JsonNode> chatRequests = Collections.synchronizedList(new ArrayList<>());
    Path dataset;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        dataset = Files.writeString(dir.resolve("mini.json"), """
                {"version": "KorQuAD_v1.0_dev", "data": [{"title": "T", "paragraphs": [{"context": "서울은 한국의 수도이다. 낙동강이 가장 길다. 한라산이 가장 높다.", "qas": [
                  {"id": "q1", "question": " 한국의 수도는? ", "answers": [{"text": "서울", "answer_start": 0}]},
                  {"id": "q2", "question": "가장 긴 강은?", "answers": [{"text": "낙동강", "answer_start": 14}]},
                  {"id": "q3", "question": "가장 높은 산은?", "answers": [{"text": "한라산", "answer_start": 26}]}]}]}]}
                """);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** base knows only the capital; ft:... knows everything; with a system prompt base answers in a sentence. */
    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body;
        if (path.equals("/v1/chat/completions")) {
            JsonNode req = JSON.readTree(ex.getRequestBody());
            chatRequests.add(req);
            JsonNode messages = req.get("messages");
            String question = messages.get(messages.size() - 1).get("content").asText();
            String model = req.get("model").asText();
            boolean system = messages.get(0).get("role").asText().equals("system");
            String answer = model.startsWith("ft:") ? GOLD.get(question)
                    : question.contains("수도") ? (system ? "정답은 서울입니다." : " 서울\n") : "모르겠어요";
            ObjectNode c = JSON.createObjectNode();
            c.put("id", "chatcmpl-1").put("object", "chat.completion").put("created", 1).put("model", model);
            ObjectNode choice = c.putArray("choices").addObject();
            choice.put("index", 0).put("finish_reason", "stop").putNull("logprobs");
            choice.putObject("message").put("role", "assistant").put("content", answer).putNull("refusal");
            body = c.toString();
        } else if (path.equals("/v1/fine_tuning/jobs")) {
            body = """
                    {"object": "list", "has_more": false, "data": [{"object": "fine_tuning.job", "id": "ftjob-abc",
                      "model": "tuna-nano", "created_at": 1, "finished_at": 2, "fine_tuned_model": "ft:tuna-nano:local:kq:abc",
                      "organization_id": "org-local", "result_files": ["file-metrics"], "status": "succeeded",
                      "validation_file": null, "training_file": "file-train", "hyperparameters": {"n_epochs": 3},
                      "trained_tokens": 100, "error": null, "seed": 1}]}
                    """;
        } else if (path.equals("/v1/files/file-metrics")) {
            body = """
                    {"object": "file", "id": "file-metrics", "bytes": 80, "created_at": 1, "filename": "step_metrics.csv",
                     "purpose": "fine-tune-results", "status": "processed"}
                    """;
        } else if (path.equals("/v1/files/file-metrics/content")) {
            body = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,4.0,0.1,,\n2,2.5,0.4,,\n3,1.25,0.8,,\n";
        } else {
            body = "{\"error\": {\"message\": \"no route\", \"type\": \"invalid_request_error\", \"param\": null, \"code\": null}}";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(404, b.length);
            ex.getResponseBody().write(b);
            ex.close();
            return;
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", path.endsWith("/content") ? "text/csv" : "application/json");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private Cli.Result tuna(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1"));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void comparesModelsWritesPredictionsAndAReportWithTheLossCurve() throws Exception {
        Path out = dir.resolve("pred.json");
        Path report = dir.resolve("report.html");
        Cli.Result r = tuna("eval", "run", "--models", "tuna-nano,ft:tuna-nano:local:kq:abc", "--dataset",
                dataset.toString(), "--seed", "3", "--temperature", "0", "--out", out.toString(), "--report",
                report.toString(), "--cache", dir.resolve("cache.jsonl").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("tuna-nano", "33.33", "ft:tuna-nano:local:kq:abc", "100.00", "+66.67",
                "Wrote " + dir.resolve("pred-1.json"), "Wrote " + report, "Wrote " + dir.resolve("report.json"));

        assertThat(chatRequests).hasSize(6).allSatisfy(req -> {
            assertThat(req.get("seed").asLong()).isEqualTo(3);
            assertThat(req.get("temperature").asDouble()).isZero();
            assertThat(req.get("max_completion_tokens").asInt()).isEqualTo(64);
            assertThat(req.get("messages")).hasSize(1); // no system prompt given, none sent
        });
        assertThat(chatRequests).extracting(req -> req.get("messages").get(0).get("content").asText())
                .contains("한국의 수도는?"); // trimmed, as tuna prepare writes it

        // The predictions are the official format: tuna eval score reads them back.
        assertThat(Files.readString(dir.resolve("pred-1.json"))).contains("\"q1\":\"서울\"");
        Cli.Result score = Cli.run("eval", "score", "--dataset", dataset.toString(), "--predictions",
                dir.resolve("pred-2.json").toString());
        assertThat(score.out().strip()).isEqualTo("{\"exact_match\": 100.0, \"f1\": 100.0}");

        EvalReport json = EvalReport.readJson(dir.resolve("report.json"));
        assertThat(json.variants()).extracting(EvalReport.VariantSummary::exactMatch).containsExactly(100.0 / 3, 100.0);
        assertThat(json.lossCurves()).singleElement().satisfies(c -> {
            assertThat(c.jobId()).isEqualTo("ftjob-abc");
            assertThat(c.points()).hasSize(3);
        });
        String html = Files.readString(report);
        assertThat(html).contains("<svg class=\"loss\"", "ftjob-abc", "모르겠어요");
        // A complete run leaves no cache behind: running again asks again.
        assertThat(dir.resolve("cache.jsonl")).doesNotExist();
    }

    @Test
    void comparesSystemPromptsAndCountsRepeats() throws Exception {
        Cli.Result r = tuna("eval", "run", "--model", "tuna-nano", "--dataset", dataset.toString(), "--systems",
                "Answer in one word.", "Answer in a full sentence.", "--repeat", "2", "--json",
                "--cache", dir.resolve("c.jsonl").toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode s = JSON.readTree(r.out());
        assertThat(s.get("variants")).hasSize(2);
        assertThat(s.get("variants").get(0).get("system").asText()).isEqualTo("Answer in one word.");
        assertThat(s.get("variants").get(0).get("repeats").asInt()).isEqualTo(2);
        assertThat(s.get("variants").get(0).get("questionsWithDifferentAnswers").asInt()).isZero();
        assertThat(chatRequests).hasSize(12);
        assertThat(chatRequests).allSatisfy(req -> assertThat(req.get("messages").get(0).get("role").asText())
                .isEqualTo("system"));
    }

    @Test
    void badOptionsAreOneLine() {
        Cli.Result none = tuna("eval", "run", "--dataset", dataset.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("tuna: give the model to ask: --model M, or --models A,B to compare\n");

        Cli.Result unknown = tuna("eval", "run", "--model", "nope", "--dataset", dir.resolve("missing.json").toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("missing.json: no such file").doesNotContain("Exception");
    }
}
