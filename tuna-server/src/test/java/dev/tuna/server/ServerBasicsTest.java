package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.models.Model;
import dev.tuna.server.testing.Datasets;
import dev.tuna.server.testing.ScriptedTrainer;
import dev.tuna.server.testing.TestServer;
import dev.tuna.server.testing.WordModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard at /, base models from the models folder, model ids in URLs, and files that fail validation. */
class ServerBasicsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;
    OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        Path models = dir.resolve("data/models");
        Files.createDirectories(models.resolve("SmolLM2-135M-Instruct"));
        Files.writeString(models.resolve("SmolLM2-135M-Instruct/config.json"), "{\"model_type\":\"llama\"}");
        Files.createDirectories(models.resolve("not-a-model")); // no config.json
        Files.createDirectories(models.resolve(".partial-download"));
        Files.writeString(models.resolve(".partial-download/config.json"), "{}");
        server = TestServer.start(dir.resolve("data"), new ScriptedTrainer(5), new WordModels());
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.assertAllResponsesMatchSpec();
        server.close();
    }

    @Test
    void onlyLoopbackAddressesCountAsLocal() {
        assertThat(TunaServer.isLoopback("127.0.0.1")).isTrue();
        assertThat(TunaServer.isLoopback("localhost")).isTrue();
        assertThat(TunaServer.isLoopback("::1")).isTrue();
        assertThat(TunaServer.isLoopback("0.0.0.0")).isFalse(); // every interface: the warning without a key
        assertThat(TunaServer.isLoopback("no-such-host.invalid")).isFalse();
    }

    @Test
    void leftoversOfACrashInTmpAreRemovedOnStart() throws Exception {
        Path leftover = server.dataDir.resolve("tmp/MultiPart12345.tmp");
        Files.writeString(leftover, "half an upload");
        server.close();
        server = TestServer.start(dir.resolve("data"), new ScriptedTrainer(5), new WordModels());
        client = server.client();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void dashboardIsServedAtTheRoot() throws Exception {
        HttpResponse<String> index = server.get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.body()).containsIgnoringCase("<html");
        assertThat(server.get("/js/api.js").statusCode()).isEqualTo(200);
    }

    @Test
    void baseModelsAreNanoAndTheCheckpointFolders() {
        assertThat(client.models().list().data()).extracting(Model::id)
                .containsExactly("tuna-nano", "SmolLM2-135M-Instruct");
        assertThat(client.models().retrieve("SmolLM2-135M-Instruct").ownedBy()).isEqualTo("local");
    }

    @Test
    void fineTunedModelIdsWorkPlainOrPercentEncoded() throws Exception {
        String file = client.files().create(FileCreateParams.builder().file(Datasets.marv(dir, "m.jsonl", 10))
                .purpose(FilePurpose.FINE_TUNE).build()).id();
        String id = client.fineTuning().jobs().create(JobCreateParams.builder().model("tuna-nano").trainingFile(file)
                .suffix("enc").build()).id();
        String model = await(id).fineTunedModel().orElseThrow();
        assertThat(server.get("/v1/models/" + model).statusCode()).isEqualTo(200);
        HttpResponse<String> encoded = server.get("/v1/models/" + model.replace(":", "%3A"));
        assertThat(encoded.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(encoded.body()).get("id").asText()).isEqualTo(model);
        HttpResponse<String> deleted = server.send(HttpRequest.newBuilder(server.uri("/v1/models/"
                + model.replace(":", "%3A"))).DELETE());
        assertThat(JSON.readTree(deleted.body()).get("deleted").asBoolean()).isTrue();
        HttpResponse<String> base = server.send(HttpRequest.newBuilder(server.uri("/v1/models/tuna-nano")).DELETE());
        assertThat(base.statusCode()).isEqualTo(403);
    }

    @Test
    void aFileWithFormatErrorsFailsTheJobNamingTheLine() throws Exception {
        List<String> lines = new java.util.ArrayList<>(Datasets.marvLines(12));
        lines.set(4, "{\"messages\":[{\"role\":\"user\",\"content\":\"no answer here\"}]}");
        Path bad = dir.resolve("bad.jsonl");
        Files.write(bad, lines);
        String file = client.files().create(FileCreateParams.builder().file(bad).purpose(FilePurpose.FINE_TUNE)
                .build()).id();
        FineTuningJob failed = await(client.fineTuning().jobs().create(JobCreateParams.builder().model("tuna-nano")
                .trainingFile(file).build()).id());
        assertThat(failed.status()).isEqualTo(FineTuningJob.Status.FAILED);
        assertThat(failed.error().orElseThrow().code()).isEqualTo("invalid_file_format");
        assertThat(failed.error().orElseThrow().message()).contains("line 5");
        assertThat(failed.error().orElseThrow().param()).hasValue("training_file");

        JsonNode validationBad = JSON.readTree(server.postJson("/v1/fine_tuning/jobs", "{\"model\":\"tuna-nano\","
                + "\"training_file\":\"" + file + "\",\"method\":{\"type\":\"dpo\"}}").body());
        assertThat(validationBad.at("/error/param").asText()).isEqualTo("method.type");
        JsonNode badEpochs = JSON.readTree(server.postJson("/v1/fine_tuning/jobs", "{\"model\":\"tuna-nano\","
                + "\"training_file\":\"" + file + "\",\"hyperparameters\":{\"n_epochs\":0}}").body());
        assertThat(badEpochs.at("/error/param").asText()).isEqualTo("hyperparameters.n_epochs");
        JsonNode badSuffix = JSON.readTree(server.postJson("/v1/fine_tuning/jobs", "{\"model\":\"tuna-nano\","
                + "\"training_file\":\"" + file + "\",\"suffix\":\"a:b\"}").body());
        assertThat(badSuffix.at("/error/param").asText()).isEqualTo("suffix");
        JsonNode unknownModel = JSON.readTree(server.postJson("/v1/fine_tuning/jobs", "{\"model\":\"gpt-4o-mini\","
                + "\"training_file\":\"" + file + "\"}").body());
        assertThat(unknownModel.at("/error/code").asText()).isEqualTo("model_not_found");
    }

    @Test
    void jobsAreFilteredByMetadata() throws Exception {
        String file = client.files().create(FileCreateParams.builder().file(Datasets.marv(dir, "m.jsonl", 10))
                .purpose(FilePurpose.FINE_TUNE).build()).id();
        String tagged = JSON.readTree(server.postJson("/v1/fine_tuning/jobs", "{\"model\":\"tuna-nano\","
                + "\"training_file\":\"" + file + "\",\"metadata\":{\"run\":\"a\"}}").body()).get("id").asText();
        server.postJson("/v1/fine_tuning/jobs", "{\"model\":\"tuna-nano\",\"training_file\":\"" + file
                + "\",\"metadata\":{\"run\":\"b\"}}");
        JsonNode only = JSON.readTree(server.get("/v1/fine_tuning/jobs?metadata%5Brun%5D=a").body());
        assertThat(only.get("data")).hasSize(1);
        assertThat(only.at("/data/0/id").asText()).isEqualTo(tagged);
        assertThat(only.at("/data/0/metadata/run").asText()).isEqualTo("a");
    }

    private FineTuningJob await(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            FineTuningJob job = client.fineTuning().jobs().retrieve(id);
            if (List.of("succeeded", "failed", "cancelled").contains(job.status().toString())) {
                return job;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not finish");
    }
}
