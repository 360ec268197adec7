package dev.tuna.cli;

import static dev.tuna.cli.TutorialWorkflowTest.awaitStatus;
import static dev.tuna.cli.TutorialWorkflowTest.json;
import static dev.tuna.cli.TutorialWorkflowTest.marv;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every backend command, its --json output and its failures, against one real local server. */
class LocalServerCommandsTest {
    @TempDir
    static Path dir;

    static LocalBackend local;
    static Path marv;

    @BeforeAll
    static void start() throws Exception {
        local = LocalBackend.start(dir.resolve("server"));
        marv = marv(dir);
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @Test
    void filesCommandsRoundTrip() throws Exception {
        JsonNode uploaded = json(local.tuna("files", "upload", marv.toString(), "--json"));
        String id = uploaded.get("id").asText();
        assertThat(uploaded.get("object").asText()).isEqualTo("file");
        assertThat(uploaded.get("bytes").asLong()).isEqualTo(Files.size(marv));

        JsonNode listed = json(local.tuna("files", "list", "--json", "--purpose", "fine-tune"));
        assertThat(listed.get("data").findValuesAsText("id")).contains(id);
        assertThat(json(local.tuna("files", "get", id, "--json")).get("filename").asText()).isEqualTo("marv.jsonl");
        assertThat(local.tuna("files", "get", id).out()).contains("filename:  marv.jsonl");
        assertThat(local.tuna("files", "content", id).out()).isEqualTo(Files.readString(marv));

        assertThat(json(local.tuna("files", "delete", id, "--json")).get("deleted").asBoolean()).isTrue();
        Cli.Result again = local.tuna("files", "get", id);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).startsWith("tuna: not found at " + local.baseUrl());
    }

    @Test
    void aLocalPathIsValidatedUploadedAndTrainedWithEventsFollowedWhenPiped() {
        Cli.Result created = local.tuna("jobs", "create", "--model", "tuna-nano", "--training-file", marv.toString(),
                "--epochs", "1", "--batch-size", "4", "--seed", "3", "--lora-rank", "4", "--json");
        JsonNode job = json(created);
        assertThat(job.at("/hyperparameters/lora/r").asInt()).as("the server took the LoRA extension").isEqualTo(4);
        assertThat(created.err()).contains("Checked marv.jsonl: 12 examples, no errors").contains("Uploaded marv.jsonl as file-");
        String id = job.get("id").asText();
        assertThat(job.get("object").asText()).isEqualTo("fine_tuning.job");

        Cli.Result followed = local.tuna("jobs", "events", id, "--follow", "--interval", "0.2");
        assertThat(followed.exit()).as(followed.toString()).isZero();
        List<String> lines = followed.out().lines().toList();
        assertThat(lines.getFirst()).endsWith("info  Created fine-tuning job: " + id);
        assertThat(followed.out()).contains("Step 1/3: training loss=").contains("Step 3/3: training loss=");
        assertThat(lines.getLast()).startsWith("Job " + id + " succeeded in ").contains(": fine-tuned model ft:tuna-nano:local::");
        assertThat(lines).doesNotHaveDuplicates();

        JsonNode events = json(local.tuna("jobs", "events", id, "--json"));
        assertThat(events.at("/data/0/message").asText()).isEqualTo("Created fine-tuning job: " + id);
        assertThat(json(local.tuna("jobs", "list", "--json")).get("data").findValuesAsText("id")).contains(id);
        assertThat(local.tuna("jobs", "list").out()).contains(id).contains("succeeded");
        assertThat(local.tuna("jobs", "checkpoints", id).out()).contains("STEP").contains(":ckpt-step-3");
    }

    @Test
    void aFailedJobExitsOneAndAnInvalidFileNeverLeavesTheMachine() throws Exception {
        Path nine = Files.write(dir.resolve("nine.jsonl"), Files.readAllLines(marv).subList(0, 9));
        int filesBefore = json(local.tuna("files", "list", "--json")).get("data").size();
        Cli.Result refused = local.tuna("jobs", "create", "--model", "tuna-nano", "--training-file", nine.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("nine.jsonl is not valid fine-tuning data");
        assertThat(json(local.tuna("files", "list", "--json")).get("data").size()).isEqualTo(filesBefore);

        Cli.Result failed = local.tuna("jobs", "create", "--model", "tuna-nano", "--training-file", nine.toString(),
                "--no-validate", "--wait", "--interval", "0.2");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out().lines().toList().getLast()).contains(" failed: ").contains("at least 10 examples")
                .contains("[invalid_n_examples, training_file]");
    }

    @Test
    void pauseResumeAndCancel() throws Exception {
        String fileId = json(local.tuna("files", "upload", marv.toString(), "--json")).get("id").asText();
        String id = json(local.tuna("jobs", "create", "--model", "tuna-nano", "--training-file", fileId,
                "--epochs", "50", "--batch-size", "1", "--json")).get("id").asText();
        awaitStatus(local, id, "running");
        assertThat(local.tuna("jobs", "pause", id).out()).isEqualTo("Paused " + id + " (status paused).\n");
        assertThat(local.tuna("jobs", "get", id).out()).contains("status:           paused");
        assertThat(json(local.tuna("jobs", "resume", id, "--json")).get("status").asText()).isEqualTo("queued");
        assertThat(json(local.tuna("jobs", "cancel", id, "--json")).get("status").asText()).isEqualTo("cancelled");
        Cli.Result waited = local.tuna("jobs", "wait", id, "--json");
        assertThat(waited.exit()).isEqualTo(1);
        assertThat(json(new Cli.Result(0, waited.out(), "")).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void modelsAndChatOnTheBaseModel() {
        JsonNode models = json(local.tuna("models", "list", "--json"));
        assertThat(models.get("data").findValuesAsText("id")).contains("tuna-nano");
        assertThat(json(local.tuna("models", "get", "tuna-nano", "--json")).get("object").asText()).isEqualTo("model");

        JsonNode completion = json(local.tuna("chat", "--model", "tuna-nano", "--seed", "1", "--max-tokens", "8",
                "--n", "2", "--json", "Hello"));
        assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.get("choices")).hasSize(2);
        assertThat(completion.get("system_fingerprint").asText()).isNotBlank();

        Cli.Result streamed = local.tuna("chat", "--model", "tuna-nano", "--seed", "1", "--max-tokens", "8",
                "--stream", "--json", "Hello");
        assertThat(streamed.exit()).isZero();
        assertThat(streamed.out().lines().toList()).allSatisfy(l -> assertThat(l).contains("\"chat.completion.chunk\""));
    }

    @Test
    void errorsFromTheRealServerAreOneLineEach() {
        Cli.Result unknownModel = local.tuna("chat", "--model", "no-such-model", "Hi");
        assertThat(unknownModel.exit()).isEqualTo(2);
        assertThat(unknownModel.err()).startsWith("tuna: unknown model at ").contains("'tuna models list'");
        assertThat(unknownModel.err().strip().lines()).hasSize(1);

        Cli.Result noJob = local.tuna("jobs", "get", "ftjob-nope");
        assertThat(noJob.exit()).isEqualTo(2);
        assertThat(noJob.err()).startsWith("tuna: not found at ");

        Cli.Result badCreate = local.tuna("jobs", "create", "--model", "tuna-nano", "--training-file", "file-nope");
        assertThat(badCreate.exit()).isEqualTo(1);
        assertThat(badCreate.err()).contains("refused the request (400)").contains("[training_file]");
    }

    @Test
    void aServerWithAKeyRejectsMissingAndWrongKeys(@TempDir Path other) {
        try (LocalBackend keyed = LocalBackend.start(other, "sk-right")) {
            Cli.Result wrong = keyed.tuna("models", "list", "--api-key", "sk-wrong");
            assertThat(wrong.exit()).isEqualTo(2);
            assertThat(wrong.err()).contains("rejected the request (401").contains("check the key");
            if (System.getenv("TUNA_API_KEY") == null && System.getenv("OPENAI_API_KEY") == null) {
                Cli.Result missing = keyed.tuna("models", "list");
                assertThat(missing.exit()).isEqualTo(2);
                assertThat(missing.err()).contains("it needs an API key");
            }
            assertThat(keyed.tuna("models", "list", "--api-key", "sk-right").exit()).isZero();
        }
    }
}
