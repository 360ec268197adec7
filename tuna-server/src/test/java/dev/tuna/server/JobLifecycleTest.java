package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import dev.tuna.server.testing.ChildServer;
import dev.tuna.server.testing.Datasets;
import dev.tuna.server.testing.ScriptedTrainer;
import dev.tuna.server.testing.TestServer;
import dev.tuna.server.testing.WordModels;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs across pause, resume, cancel, a graceful restart and a kill -9: they finish, and nothing is lost. */
class JobLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private static String createJob(OpenAIClient client, String fileId, long epochs) {
        return client.fineTuning().jobs().create(JobCreateParams.builder().model("tuna-nano").trainingFile(fileId)
                .suffix("life").hyperparameters(JobCreateParams.Hyperparameters.builder().nEpochs(epochs).build())
                .build()).id();
    }

    private static JsonNode job(TestServer server, String id) throws Exception {
        return JSON.readTree(server.get("/v1/fine_tuning/jobs/" + id).body());
    }

    private static JsonNode await(TestServer server, String id, Predicate<JsonNode> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonNode j = job(server, id);
            if (until.test(j)) {
                return j;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job " + id + " did not get there: " + job(server, id));
    }

    private static Predicate<JsonNode> status(String s) {
        return j -> j.get("status").asText().equals(s);
    }

    private static int checkpoints(TestServer server, String id) throws Exception {
        return JSON.readTree(server.get("/v1/fine_tuning/jobs/" + id + "/checkpoints?limit=100").body())
                .get("data").size();
    }

    @Test
    void pauseKeepsACheckpointAndResumeContinuesFromIt() throws Exception {
        ScriptedTrainer trainer = new ScriptedTrainer(50);
        try (TestServer server = TestServer.start(dir.resolve("data"), trainer, new WordModels())) {
            OpenAIClient client = server.client();
            String file = client.files().create(FileCreateParams.builder().file(Datasets.marv(dir, "m.jsonl", 10))
                    .purpose(FilePurpose.FINE_TUNE).build()).id();
            String id = createJob(client, file, 4); // 40 steps, 2 s
            await(server, id, j -> {
                try {
                    return checkpoints(server, id) >= 2;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            // "paused" is not in the SDK's status enum (nor the spec's), so read it without eager validation.
            assertThat(server.lenientClient().fineTuning().jobs().pause(id).status().asString()).isEqualTo("paused");
            Thread.sleep(300);
            int stepsAtPause = trainer.stepsRun.get();
            Thread.sleep(300);
            assertThat(trainer.stepsRun.get()).as("no training while paused").isEqualTo(stepsAtPause);
            assertThat(job(server, id).get("status").asText()).isEqualTo("paused");
            assertThatThrownBy(() -> client.fineTuning().jobs().cancel("ftjob-aaaaaaaaaaaaaaaaaaaaaaaa"))
                    .isInstanceOf(com.openai.errors.NotFoundException.class);

            assertThat(client.fineTuning().jobs().resume(id).status()).isEqualTo(FineTuningJob.Status.QUEUED);
            JsonNode done = await(server, id, status("succeeded"));
            // Resumed from the checkpoint taken at the pause: only the steps after it ran again.
            assertThat(trainer.stepsRun.get()).isEqualTo(40);
            assertThat(done.get("fine_tuned_model").asText()).startsWith("ft:tuna-nano:local:life:");
            assertThatThrownBy(() -> client.fineTuning().jobs().resume(id)).isInstanceOf(BadRequestException.class);
            assertThatThrownBy(() -> client.fineTuning().jobs().cancel(id)).isInstanceOf(BadRequestException.class);
            server.assertAllResponsesMatchSpec();
        }
    }

    @Test
    void cancelStopsWithinAStepAndQueuedJobsWait() throws Exception {
        ScriptedTrainer trainer = new ScriptedTrainer(50);
        try (TestServer server = TestServer.start(dir.resolve("data"), trainer, new WordModels())) {
            OpenAIClient client = server.client();
            String file = client.files().create(FileCreateParams.builder().file(Datasets.marv(dir, "m.jsonl", 10))
                    .purpose(FilePurpose.FINE_TUNE).build()).id();
            String first = createJob(client, file, 50);
            String second = createJob(client, file, 1);
            await(server, first, status("running"));
            await(server, second, status("queued")); // one job trains at a time
            assertThatThrownBy(() -> client.files().delete(file)).hasMessageContaining("409");

            assertThat(client.fineTuning().jobs().cancel(second).status()).isEqualTo(FineTuningJob.Status.CANCELLED);
            assertThat(client.fineTuning().jobs().cancel(first).status()).isEqualTo(FineTuningJob.Status.CANCELLED);
            int before = trainer.stepsRun.get();
            Thread.sleep(400); // 8 steps' time
            assertThat(trainer.stepsRun.get() - before).isLessThanOrEqualTo(1);
            assertThat(Files.exists(server.dataDir.resolve("jobs").resolve(first))).isFalse();
            JsonNode cancelled = job(server, first);
            assertThat(cancelled.get("finished_at").isNumber()).isTrue();
            assertThat(cancelled.get("fine_tuned_model").isNull()).isTrue();
            assertThat(client.files().delete(file).deleted()).isTrue(); // no job needs it now
            server.assertAllResponsesMatchSpec();
        }
    }

    @Test
    void gracefulStopCheckpointsAndTheNextStartResumes() throws Exception {
        Path data = dir.resolve("data");
        String id;
        int stepsBefore;
        ScriptedTrainer first = new ScriptedTrainer(20);
        try (TestServer server = TestServer.start(data, first, new WordModels())) {
            OpenAIClient client = server.client();
            String file = client.files().create(FileCreateParams.builder().file(Datasets.marv(dir, "m.jsonl", 10))
                    .purpose(FilePurpose.FINE_TUNE).build()).id();
            id = createJob(client, file, 3); // 30 steps
            await(server, id, j -> first.stepsRun.get() >= 7);
        }
        stepsBefore = first.stepsRun.get();
        assertThat(stepsBefore).isBetween(7, 29);
        ScriptedTrainer second = new ScriptedTrainer(5);
        try (TestServer server = TestServer.start(data, second, new WordModels())) {
            JsonNode done = await(server, id, status("succeeded"));
            assertThat(second.stepsRun.get()).isEqualTo(30 - stepsBefore);
            assertThat(done.get("trained_tokens").asLong()).isEqualTo(30 * 40);
            List<String> messages = new ArrayList<>();
            JSON.readTree(server.get("/v1/fine_tuning/jobs/" + id + "/events?limit=1000").body()).get("data")
                    .forEach(e -> messages.add(e.get("message").asText()));
            assertThat(messages).anyMatch(m -> m.startsWith("Server shutting down: checkpoint written after step"));
            String csv = server.get("/v1/files/" + done.get("result_files").get(0).asText() + "/content").body();
            assertThat(csv.lines()).hasSize(31); // every step once, though some ran twice
            server.assertAllResponsesMatchSpec();
        }
    }

    /** On Tuna's real engine: tuna-nano trains in a child JVM that is killed after its first checkpoint. */
    @Test
    void killDashNineDuringTrainingThenRestartResumesAndLosesNothing() throws Exception {
        Path data = dir.resolve("data");
        Path portFile = dir.resolve("port");
        Process child = startChild(data, portFile, "engine");
        String id;
        String fileId;
        byte[] uploaded = Files.readAllBytes(Datasets.marv(dir, "m.jsonl", 10));
        try {
            URI base = URI.create("http://127.0.0.1:" + awaitPort(portFile, child));
            HttpClient http = HttpClient.newHttpClient();
            dev.tuna.server.testing.Multipart m = new dev.tuna.server.testing.Multipart().field("purpose", "fine-tune")
                    .file("file", "m.jsonl", uploaded);
            fileId = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/v1/files"))
                    .header("Content-Type", m.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(m.build()))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();
            id = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve("/v1/fine_tuning/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"tuna-nano\",\"training_file\":\"" + fileId
                                    + "\",\"hyperparameters\":{\"n_epochs\":5,\"batch_size\":1}}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (true) {
                JsonNode ckpts = JSON.readTree(http.send(HttpRequest.newBuilder(base.resolve(
                        "/v1/fine_tuning/jobs/" + id + "/checkpoints")).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
                if (ckpts.get("data").size() >= 1) { // at the end of epoch 1 (of 5)
                    break;
                }
                assertThat(Instant.now()).isBefore(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no checkpoint on the way out
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (TestServer server = TestServer.start(data, dev.tuna.server.engine.Engine.trainer(),
                dev.tuna.server.engine.Engine.models())) {
            JsonNode done = await(server, id, status("succeeded"));
            List<String> messages = new ArrayList<>();
            JSON.readTree(server.get("/v1/fine_tuning/jobs/" + id + "/events?limit=10000").body()).get("data")
                    .forEach(e -> messages.add(e.get("message").asText()));
            // It went on from its checkpoint (step 10 or later of 50) instead of starting over.
            assertThat(messages).anyMatch(m -> m.matches("Resumed from checkpoint at step [1-4][0-9] of 50"));
            assertThat(messages).contains("Fine-tuning job resumed from its last checkpoint after a server restart");
            assertThat(done.get("trained_tokens").asLong()).isPositive();
            assertThat(done.get("fine_tuned_model").asText()).startsWith("ft:tuna-nano:local::");
            assertThat(server.get("/v1/files/" + fileId + "/content").body().getBytes())
                    .isEqualTo(uploaded);
            String model = done.get("fine_tuned_model").asText();
            HttpResponse<String> chat = server.postJson("/v1/chat/completions", "{\"model\":\"" + model
                    + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(chat.statusCode()).isEqualTo(200);
            server.assertAllResponsesMatchSpec();
        }
    }

    private static Process startChild(Path data, Path portFile, String stepMillis) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ChildServer.class.getName(), data.toString(), portFile.toString(), stepMillis));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(
                data.resolveSibling("child.log").toFile()).start();
    }

    private static int awaitPort(Path portFile, Process child) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!Files.exists(portFile)) {
            assertThat(child.isAlive()).as("child server died; see child.log").isTrue();
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(50);
        }
        return Integer.parseInt(Files.readString(portFile).trim());
    }

    @SuppressWarnings("unused")
    private static File unused() {
        return null;
    }
}
