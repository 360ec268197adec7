package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import dev.tuna.server.testing.Datasets;
import dev.tuna.server.testing.Multipart;
import dev.tuna.server.testing.ScriptedTrainer;
import dev.tuna.server.testing.TestServer;
import dev.tuna.server.testing.WordModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenAI's error shapes and status codes for bad requests, and a server that stays up and loses nothing. */
class ApiErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.assertAllResponsesMatchSpec();
            server.close();
        }
    }

    private void start() throws Exception {
        server = TestServer.start(dir.resolve("data"), new ScriptedTrainer(5), new WordModels(),
                c -> c.withMaxUploadBytes(4096));
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.has("error")).as(r.body()).isTrue();
        assertThat(r.headers().firstValue("x-request-id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        return body.get("error");
    }

    private HttpResponse<String> upload(Multipart m) throws Exception {
        return server.send(HttpRequest.newBuilder(server.uri("/v1/files")).header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.build())));
    }

    @Test
    void apiKeyIsRequiredAndComparedExactly() throws Exception {
        server = TestServer.start(dir.resolve("data"), new ScriptedTrainer(5), new WordModels(),
                c -> c.withApiKey("sk-secret"));
        HttpResponse<String> none = server.get("/v1/models");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).get("code").asText()).isEqualTo("missing_api_key");

        HttpResponse<String> wrong = server.send(HttpRequest.newBuilder(server.uri("/v1/models"))
                .header("Authorization", "Bearer sk-secreT").GET());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(error(wrong).get("code").asText()).isEqualTo("invalid_api_key");

        HttpResponse<String> prefix = server.send(HttpRequest.newBuilder(server.uri("/v1/models"))
                .header("Authorization", "Bearer sk-secret2").GET());
        assertThat(prefix.statusCode()).isEqualTo(401);

        assertThatThrownBy(() -> server.client("sk-other").models().list()).isInstanceOf(UnauthorizedException.class);
        assertThat(server.client("sk-secret").models().list().data()).isNotEmpty();
    }

    @Test
    void unknownIdsAre404AndNeverReachTheFileSystem() throws Exception {
        start();
        for (String path : new String[] {"/v1/files/file-doesnotexist", "/v1/files/file-aaaaaaaaaaaaaaaaaaaaaaaa/content",
            "/v1/files/..%2F..%2Ftuna.db/content", "/v1/files/..%2Ftuna.db", "/v1/fine_tuning/jobs/ftjob-nope",
            "/v1/fine_tuning/jobs/ftjob-nope/events", "/v1/models/ft:tuna-nano:local::abcdefgh",
            "/v1/models/..%2F..%2Fetc", "/v1/no/such/endpoint"}) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(error(r).get("type").asText()).isEqualTo("invalid_request_error");
        }
        assertThat(error(server.get("/v1/models/gpt-9")).get("code").asText()).isEqualTo("model_not_found");
        assertThatThrownBy(() -> server.client().files().retrieve("file-missing"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> server.client().fineTuning().jobs().retrieve("ftjob-missing"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void malformedJsonIs400() throws Exception {
        start();
        for (String body : new String[] {"{\"model\": ", "not json", "[1,2]", "", "{\"a\":1} trailing"}) {
            for (String path : new String[] {"/v1/fine_tuning/jobs", "/v1/chat/completions"}) {
                HttpResponse<String> r = server.postJson(path, body);
                assertThat(r.statusCode()).as(path + " " + body).isEqualTo(400);
                assertThat(error(r).get("type").asText()).isEqualTo("invalid_request_error");
            }
        }
        HttpResponse<String> missing = server.postJson("/v1/fine_tuning/jobs", "{\"model\":\"tuna-nano\"}");
        assertThat(error(missing).get("param").asText()).isEqualTo("training_file");
        HttpResponse<String> badFile = server.postJson("/v1/fine_tuning/jobs",
                "{\"model\":\"tuna-nano\",\"training_file\":\"file-nope\"}");
        assertThat(badFile.statusCode()).isEqualTo(400);
        assertThat(error(badFile).get("param").asText()).isEqualTo("training_file");
        assertThat(server.get("/v1/fine_tuning/jobs").statusCode()).isEqualTo(200); // still up
    }

    @Test
    void badMultipartIs400AndStoresNothing() throws Exception {
        start();
        byte[] data = String.join("\n", Datasets.marvLines(2)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> garbage = server.send(HttpRequest.newBuilder(server.uri("/v1/files"))
                .header("Content-Type", "multipart/form-data; boundary=xyz")
                .POST(HttpRequest.BodyPublishers.ofString("this is not multipart at all")));
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(error(garbage).get("param").asText()).isEqualTo("file");

        HttpResponse<String> json = server.postJson("/v1/files", "{\"purpose\":\"fine-tune\"}");
        assertThat(json.statusCode()).isEqualTo(400);

        HttpResponse<String> noPurpose = upload(new Multipart().file("file", "a.jsonl", data));
        assertThat(error(noPurpose).get("param").asText()).isEqualTo("purpose");
        HttpResponse<String> badPurpose = upload(new Multipart().field("purpose", "fine-tune-results")
                .file("file", "a.jsonl", data));
        assertThat(badPurpose.statusCode()).isEqualTo(400);
        assertThat(error(badPurpose).get("param").asText()).isEqualTo("purpose");
        HttpResponse<String> noFile = upload(new Multipart().field("purpose", "fine-tune"));
        assertThat(error(noFile).get("param").asText()).isEqualTo("file");
        HttpResponse<String> notJsonl = upload(new Multipart().field("purpose", "fine-tune")
                .file("file", "a.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(notJsonl.statusCode()).isEqualTo(400);
        assertThat(error(notJsonl).get("message").asText()).contains("jsonl");

        JsonNode list = JSON.readTree(server.get("/v1/files").body());
        assertThat(list.get("data")).isEmpty();

        HttpResponse<String> ok = upload(new Multipart().field("purpose", "fine-tune")
                .file("file", "../../evil name.jsonl", data));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode file = JSON.readTree(ok.body());
        assertThat(file.get("filename").asText()).isEqualTo("evil name.jsonl");
        assertThat(file.get("bytes").asLong()).isEqualTo(data.length);
        assertThat(server.get("/v1/files/" + file.get("id").asText() + "/content").body())
                .isEqualTo(new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void oversizedUploadIs413WithOrWithoutContentLength() throws Exception {
        start();
        byte[] big = new byte[10_000];
        Arrays.fill(big, (byte) 'x');
        Multipart declared = new Multipart().field("purpose", "batch").file("file", "big.bin", big);
        HttpResponse<String> r = upload(declared);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r).get("code").asText()).isEqualTo("file_too_large");

        // Chunked: the size is only known while reading.
        Multipart chunked = new Multipart().field("purpose", "batch").file("file", "big.bin", big);
        byte[] body = chunked.build();
        HttpResponse<String> c = server.send(HttpRequest.newBuilder(server.uri("/v1/files"))
                .header("Content-Type", chunked.contentType())
                .POST(HttpRequest.BodyPublishers.fromPublisher(subscriber -> {
                    HttpRequest.BodyPublishers.ofByteArray(body).subscribe(subscriber);
                })));
        assertThat(c.statusCode()).isEqualTo(413);

        byte[] small = new byte[4000];
        Arrays.fill(small, (byte) 'y');
        HttpResponse<String> fits = upload(new Multipart().field("purpose", "batch").file("file", "ok.bin", small));
        assertThat(fits.statusCode()).as(fits.body()).isEqualTo(200);
        assertThat(JSON.readTree(server.get("/v1/files").body()).get("data")).hasSize(1);
        try (var files = Files.list(server.dataDir.resolve("files"))) {
            assertThat(files.toList()).hasSize(1);
        }
    }

    @Test
    void everyResponseCarriesARequestId() throws Exception {
        start();
        for (String path : new String[] {"/v1/models", "/v1/files", "/nothing-here", "/"}) {
            HttpResponse<String> r = server.get(path);
            assertThat(r.headers().firstValue("x-request-id")).as(path).isPresent();
        }
        HttpResponse<String> a = server.get("/v1/models");
        HttpResponse<String> b = server.get("/v1/models");
        assertThat(a.headers().firstValue("x-request-id")).isNotEqualTo(b.headers().firstValue("x-request-id"));
    }

    @SuppressWarnings("unused")
    private static Flow.Subscriber<?> unused() {
        return null;
    }
}
