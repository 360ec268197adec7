package dev.tuna.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.chat.Personas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fine-tuning tutorial from the shell, against a real local server that really trains tuna-nano: upload the
 * Marv examples, fine-tune, wait, chat under both system prompts, then start a second job and cancel it.
 */
class TutorialWorkflowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String QUESTION = "What's the capital of France?";

    @TempDir
    Path dir;

    static Path marv(Path dir) throws IOException {
        Path p = dir.resolve("marv.jsonl");
        try (InputStream in = TutorialWorkflowTest.class.getResourceAsStream("marv.jsonl")) {
            Files.write(p, in.readAllBytes());
        }
        return p;
    }

    static JsonNode json(Cli.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        try {
            return JSON.readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r, e);
        }
    }

    /** Polls {@code tuna jobs get --json} until the job has the status. */
    static void awaitStatus(LocalBackend local, String job, String status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            String now = json(local.tuna("jobs", "get", job, "--json")).get("status").asText();
            if (now.equals(status)) {
                return;
            }
            assertThat(now).as("job " + job + " ended before reaching " + status).isNotIn("succeeded", "failed", "cancelled");
            Thread.sleep(100);
        }
        throw new AssertionError("job " + job + " never reached " + status);
    }

    @Test
    void uploadFineTuneWaitChatUnderBothPromptsThenCancelASecondJob() throws Exception {
        try (LocalBackend local = LocalBackend.start(dir)) {
            // 1. Upload the training data.
            JsonNode file = json(local.tuna("files", "upload", marv(dir).toString(), "--json"));
            String fileId = file.get("id").asText();
            assertThat(local.tuna("files", "list").out()).contains(fileId).contains("marv.jsonl");

            // 2. Create the job: 12 examples, batch 4, 10 epochs = 30 steps.
            JsonNode job = json(local.tuna("jobs", "create", "--model", "tuna-nano", "--training-file", fileId,
                    "--suffix", "marv", "--seed", "42", "--epochs", "10", "--batch-size", "4",
                    "--learning-rate-multiplier", "4", "--json"));
            String jobId = job.get("id").asText();

            // 3. Wait: piped, so one plain line per step, then the final state and the model.
            Cli.Result waited = local.tuna("jobs", "wait", jobId, "--interval", "0.2");
            assertThat(waited.exit()).as(waited.toString()).isZero();
            assertThat(waited.out()).containsPattern("(?m)^step \\d+/30  loss \\d+\\.\\d{4}")
                    .contains("step 30/30  loss ");
            Matcher done = Pattern.compile("(?m)^Job " + jobId + " succeeded in \\S+: fine-tuned model (ft:tuna-nano:local:marv:\\w+)$")
                    .matcher(waited.out());
            assertThat(done.find()).as(waited.out()).isTrue();
            String model = done.group(1);

            // The job's record: events, checkpoints, the result file, the model.
            assertThat(local.tuna("jobs", "events", jobId).out()).contains("The job has successfully completed");
            JsonNode checkpoints = json(local.tuna("jobs", "checkpoints", jobId, "--json"));
            assertThat(checkpoints.at("/data/0/fine_tuned_model_checkpoint").asText()).isEqualTo(model + ":ckpt-step-30");
            String resultFile = json(local.tuna("jobs", "get", jobId, "--json")).at("/result_files/0").asText();
            assertThat(local.tuna("files", "content", resultFile).out()).startsWith("step,train_loss");
            assertThat(local.tuna("models", "list").out()).contains(model).contains("tuna-nano");

            // 4. Chat under both system prompts; the same seed gives the same answer, streamed or not.
            String marvAnswer = chat(local, model, "--system", Personas.MARV);
            String helpfulAnswer = chat(local, model, "--persona", "helpful");
            assertThat(chat(local, model, "--persona", "marv")).isEqualTo(marvAnswer);
            Cli.Result streamed = local.tuna("chat", "--model", model, "--system", Personas.MARV, "--seed", "7",
                    "--temperature", "0.8", "--max-tokens", "40", "--stream", QUESTION);
            assertThat(streamed.out()).isEqualTo(marvAnswer + "\n");
            JsonNode compared = json(local.tuna("chat", "--model", model, "--seed", "7", "--temperature", "0.8",
                    "--max-tokens", "40", "--compare-system", Personas.MARV, Personas.HELPFUL, "--json", QUESTION));
            assertThat(compared.at("/0/completion/choices/0/message/content").asText()).isEqualTo(marvAnswer);
            assertThat(compared.at("/1/completion/choices/0/message/content").asText()).isEqualTo(helpfulAnswer);
            Cli.Result sideBySide = local.tuna("chat", "--model", model, "--seed", "7", "--temperature", "0.8",
                    "--max-tokens", "40", "--compare-system", "marv", "helpful", QUESTION);
            assertThat(sideBySide.out().lines().findFirst().orElseThrow()).startsWith("system: Marv").contains(" | system: You are");

            // 5. A second, long job, cancelled while it runs: wait then exits 1.
            String second = json(local.tuna("jobs", "create", "--model", "tuna-nano", "--training-file", fileId,
                    "--epochs", "50", "--batch-size", "1", "--json")).get("id").asText();
            awaitStatus(local, second, "running");
            Cli.Result cancelled = local.tuna("jobs", "cancel", second);
            assertThat(cancelled.out()).isEqualTo("Cancelled " + second + " (status cancelled).\n");
            Cli.Result waitCancelled = local.tuna("jobs", "wait", second, "--interval", "0.2");
            assertThat(waitCancelled.exit()).isEqualTo(1);
            assertThat(waitCancelled.out().lines().toList().getLast()).startsWith("Job " + second + " was cancelled");

            // The fine-tuned model can be deleted, after which it is unknown.
            assertThat(local.tuna("models", "delete", model).out()).isEqualTo("Deleted " + model + ".\n");
            Cli.Result gone = local.tuna("chat", "--model", model, "Hi");
            assertThat(gone.exit()).isEqualTo(2);
            assertThat(gone.err()).contains("unknown model");
        }
    }

    private static String chat(LocalBackend local, String model, String... system) {
        String[] args = new String[system.length + 10];
        String[] head = {"chat", "--model", model, "--seed", "7", "--temperature", "0.8", "--max-tokens", "40"};
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(system, 0, args, head.length, system.length);
        args[args.length - 1] = QUESTION;
        Cli.Result r = local.tuna(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).as("a loopback backend gets no note about varying answers").doesNotContain("note:");
        String answer = r.out().substring(0, r.out().length() - 1);
        assertThat(answer).isNotBlank();
        return answer;
    }
}
