package dev.tuna.cli.jobs;

import static dev.tuna.cli.client.FakeOpenAi.json;
import static dev.tuna.cli.client.Fixtures.event;
import static dev.tuna.cli.client.Fixtures.file;
import static dev.tuna.cli.client.Fixtures.job;
import static dev.tuna.cli.client.Fixtures.list;
import static dev.tuna.cli.client.Fixtures.metrics;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.Cli;
import dev.tuna.cli.client.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job commands against a fake backend that plays exact job histories. */
class JobsCommandsTest {
    private static final String FT = "\"ft:tuna-nano:local:marv:abcd1234\"";
    private static final String EVENTS = "GET /v1/fine_tuning/jobs/ftjob-1/events";
    private static final String JOB = "GET /v1/fine_tuning/jobs/ftjob-1";

    private final FakeOpenAi api = new FakeOpenAi();
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        api.close();
    }

    /** Four polls: queued, running at step 1, running at step 2, then {@code end} with step 3 done. */
    private void playHistory(String end, String fineTuned, String error) {
        String created = event("e1", "Created fine-tuning job: ftjob-1");
        String started = event("e2", "Fine-tuning job started");
        String s1 = metrics("e3", 1, 3, 2.5);
        String s2 = metrics("e4", 2, 3, 1.75);
        String s3 = metrics("e5", 3, 3, 1.25);
        String last = event("e6", end.equals("succeeded") ? "The job has successfully completed" : "Job " + end);
        api.on(JOB, json(200, job("ftjob-1", "queued", "null", "null")),
                json(200, job("ftjob-1", "running", "null", "null")),
                json(200, job("ftjob-1", "running", "null", "null")),
                json(200, job("ftjob-1", end, fineTuned, error)));
        // Newest first, as the API lists them.
        api.on(EVENTS, json(200, list(created)),
                json(200, list(s1, started, created)),
                json(200, list(s2, s1, started, created)),
                json(200, list(last, s3, s2, s1, started, created)));
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--base-url";
        all[args.length + 1] = api.baseUrl();
        return Cli.run(all);
    }

    /** Runs a command that follows a job, polling quickly. */
    private Cli.Result follow(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--interval";
        all[args.length + 1] = "0.05";
        return run(all);
    }

    @Test
    void waitWhenPipedPrintsStatusChangesAndTheStepsOfAShortRunThenTheModel() {
        playHistory("succeeded", FT, "null");
        Cli.Result r = follow("jobs", "wait", "ftjob-1");
        assertThat(r.exit()).as(r.toString()).isZero();
        // The ETA comes from the pace of the steps seen, which here is the test's own polling.
        assertThat(r.out().lines().map(l -> l.replaceFirst("  ETA \\S+$", "")).toList()).containsExactly(
                "status: queued",
                "status: running",
                "step 1/3  loss 2.5000",
                "step 2/3  loss 1.7500",
                "step 3/3  loss 1.2500",
                "Job ftjob-1 succeeded in 5m00s: fine-tuned model ft:tuna-nano:local:marv:abcd1234");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void waitShowsAnEtaFromTheBackendsEstimate() {
        long soon = System.currentTimeMillis() / 1000 + 125;
        api.on(JOB, json(200, job("ftjob-1", "running", "null", "null").replace("\"estimated_finish\":null", "\"estimated_finish\":" + soon)),
                json(200, job("ftjob-1", "succeeded", FT, "null")));
        api.on(EVENTS, json(200, list(metrics("e3", 1, 3, 2.5))), json(200, list(metrics("e3", 1, 3, 2.5))));
        Cli.Result r = follow("jobs", "wait", "ftjob-1");
        assertThat(r.out()).containsPattern("step 1/3  loss 2\\.5000  ETA 2m0[0-5]s");
    }

    @Test
    void aFailedJobExitsOneWithItsError() {
        playHistory("failed", "null", "{\"code\":\"invalid_n_examples\",\"message\":\"Training file has 7 example(s), but must have at least 10 examples\",\"param\":\"training_file\"}");
        Cli.Result r = follow("jobs", "wait", "ftjob-1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().toList().getLast())
                .isEqualTo("Job ftjob-1 failed: Training file has 7 example(s), but must have at least 10 examples [invalid_n_examples, training_file]");
    }

    @Test
    void aCancelledJobExitsOne() {
        playHistory("cancelled", "null", "null");
        Cli.Result r = follow("jobs", "wait", "ftjob-1");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().toList().getLast()).isEqualTo("Job ftjob-1 was cancelled at step 3/3.");
    }

    @Test
    void waitJsonPrintsOnlyTheFinalJob() throws Exception {
        playHistory("succeeded", FT, "null");
        Cli.Result r = follow("jobs", "wait", "ftjob-1", "--json");
        assertThat(r.exit()).isZero();
        JsonNode job = mapper.readTree(r.out());
        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("fine_tuned_model").asText()).isEqualTo("ft:tuna-nano:local:marv:abcd1234");
    }

    @Test
    void eventsFollowPrintsEachEventOnceOldestFirst() {
        playHistory("succeeded", FT, "null");
        Cli.Result r = follow("jobs", "events", "ftjob-1", "--follow");
        assertThat(r.exit()).as(r.toString()).isZero();
        var messages = r.out().lines().map(l -> l.replaceFirst("^\\S+ \\S+  info  ", "")).toList();
        assertThat(messages).containsExactly(
                "Created fine-tuning job: ftjob-1",
                "Fine-tuning job started",
                "Step 1/3: training loss=2.5000",
                "Step 2/3: training loss=1.7500",
                "Step 3/3: training loss=1.2500",
                "The job has successfully completed",
                "Job ftjob-1 succeeded in 5m00s: fine-tuned model ft:tuna-nano:local:marv:abcd1234");
    }

    @Test
    void eventsFollowJsonIsOneObjectPerLineEndingWithTheJob() throws Exception {
        playHistory("cancelled", "null", "null");
        Cli.Result r = follow("jobs", "events", "ftjob-1", "--follow", "--json");
        assertThat(r.exit()).isEqualTo(1);
        var lines = r.out().lines().toList();
        assertThat(lines).hasSize(7);
        for (String line : lines.subList(0, 6)) {
            assertThat(mapper.readTree(line).get("object").asText()).isEqualTo("fine_tuning.job.event");
        }
        assertThat(mapper.readTree(lines.getLast()).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void eventsWithoutFollowIsATableOldestFirst() throws Exception {
        api.on(EVENTS, 200, list(metrics("e3", 1, 3, 2.5), event("e1", "Created fine-tuning job: ftjob-1")));
        Cli.Result r = run("jobs", "events", "ftjob-1");
        var lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("TIME").contains("LEVEL").endsWith("MESSAGE");
        assertThat(lines.get(1)).endsWith("info   Created fine-tuning job: ftjob-1");
        assertThat(lines.get(2)).endsWith("info   Step 1/3: training loss=2.5000");
        Cli.Result asJson = run("jobs", "events", "ftjob-1", "--json");
        assertThat(mapper.readTree(asJson.out()).get("data").get(0).get("id").asText()).isEqualTo("e1");
    }

    @Test
    void createUploadsAValidLocalFileThenSendsEveryOption() throws Exception {
        Path train = Files.writeString(dir.resolve("train.jsonl"), IntStream.range(0, 12)
                .mapToObj(i -> "{\"messages\":[{\"role\":\"user\",\"content\":\"q" + i + "\"},{\"role\":\"assistant\",\"content\":\"a" + i + "\"}]}")
                .collect(Collectors.joining("\n", "", "\n")));
        api.on("POST /v1/files", 200, file("file-train", "train.jsonl", Files.size(train)));
        api.on("POST /v1/fine_tuning/jobs", 200, job("ftjob-1", "validating_files", "null", "null"));
        Cli.Result r = run("jobs", "create", "--model", "SmolLM2-135M", "--training-file", train.toString(), "--suffix", "marv",
                "--epochs", "3", "--batch-size", "2", "--learning-rate-multiplier", "0.5", "--seed", "7",
                "--lora-rank", "16", "--lora-alpha", "32", "--lora-targets", "q_proj,v_proj", "--metadata", "run=a");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Checked train.jsonl: 12 examples, no errors")
                .contains("Uploaded train.jsonl as file-train")
                .contains("Created job ftjob-1 (tuna-nano, validating_files).")
                .contains("tuna jobs wait ftjob-1");
        JsonNode body = mapper.readTree(api.requests("POST /v1/fine_tuning/jobs").getFirst().body());
        assertThat(body.get("model").asText()).isEqualTo("SmolLM2-135M");
        assertThat(body.get("training_file").asText()).isEqualTo("file-train");
        assertThat(body.get("suffix").asText()).isEqualTo("marv");
        assertThat(body.get("seed").asLong()).isEqualTo(7);
        assertThat(body.at("/method/type").asText()).isEqualTo("supervised");
        assertThat(body.at("/method/supervised/hyperparameters/n_epochs").asLong()).isEqualTo(3);
        assertThat(body.at("/method/supervised/hyperparameters/batch_size").asLong()).isEqualTo(2);
        assertThat(body.at("/method/supervised/hyperparameters/learning_rate_multiplier").asDouble()).isEqualTo(0.5);
        JsonNode lora = body.at("/method/supervised/hyperparameters/lora");
        assertThat(lora.get("r").asInt()).isEqualTo(16);
        assertThat(lora.get("alpha").asDouble()).isEqualTo(32.0);
        assertThat(lora.has("dropout")).as("only what was given").isFalse();
        assertThat(lora.get("target_modules").toString()).isEqualTo("[\"q_proj\",\"v_proj\"]");
        assertThat(body.at("/metadata/run").asText()).isEqualTo("a");
    }

    @Test
    void createRefusesAnInvalidLocalFileBeforeUploadingIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\nnot json\n");
        Cli.Result r = run("jobs", "create", "--model", "tuna-nano", "--training-file", bad.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jsonl is not valid fine-tuning data").contains("line 2").contains("--no-validate");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void noValidateUploadsAnyway() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "not json\n");
        api.on("POST /v1/files", 200, file("file-bad", "bad.jsonl", 9));
        api.on("POST /v1/fine_tuning/jobs", 200, job("ftjob-1", "validating_files", "null", "null"));
        Cli.Result r = run("jobs", "create", "--model", "tuna-nano", "--training-file", bad.toString(), "--no-validate", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(mapper.readTree(r.out()).get("id").asText()).as("stdout is only JSON").isEqualTo("ftjob-1");
        assertThat(r.err()).contains("Uploaded bad.jsonl as file-bad");
        JsonNode body = mapper.readTree(api.requests("POST /v1/fine_tuning/jobs").getFirst().body());
        assertThat(body.has("method")).as("no hyperparameters given: all auto").isFalse();
        assertThat(body.has("lora")).isFalse();
    }

    @Test
    void createWithAMissingPathOrBadOptionsIsAUsageError() {
        Cli.Result missing = run("jobs", "create", "--model", "tuna-nano", "--training-file", "data/nope.jsonl");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--training-file data/nope.jsonl: no such file");
        Cli.Result badRank = run("jobs", "create", "--model", "tuna-nano", "--training-file", "file-x", "--lora-rank", "0");
        assertThat(badRank.exit()).isEqualTo(2);
        assertThat(badRank.err()).contains("--lora-rank must be at least 1");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void loraAloneStillSendsTheHyperparametersObject() throws Exception {
        api.on("POST /v1/fine_tuning/jobs", 200, job("ftjob-1", "queued", "null", "null"));
        assertThat(run("jobs", "create", "--model", "SmolLM2-135M", "--training-file", "file-x", "--lora-dropout", "0.1").exit()).isZero();
        JsonNode body = mapper.readTree(api.requests().getFirst().body());
        assertThat(body.at("/method/supervised/hyperparameters/lora/dropout").asDouble()).isEqualTo(0.1);
        assertThat(body.at("/method/supervised/hyperparameters").has("n_epochs")).isFalse();
    }

    @Test
    void listGetCheckpointsAndActions() throws Exception {
        api.on("GET /v1/fine_tuning/jobs", 200, list(job("ftjob-2", "running", "null", "null"), job("ftjob-1", "succeeded", FT, "null")));
        Cli.Result table = run("jobs", "list");
        var lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ID       MODEL      STATUS     FINE-TUNED MODEL");
        assertThat(lines.get(1)).startsWith("ftjob-2  tuna-nano  running    -");
        assertThat(lines.get(2)).startsWith("ftjob-1  tuna-nano  succeeded  ft:tuna-nano:local:marv:abcd1234");
        assertThat(mapper.readTree(run("jobs", "list", "--json").out()).get("data")).hasSize(2);

        api.on(JOB, 200, job("ftjob-1", "succeeded", FT, "null"));
        assertThat(run("jobs", "get", "ftjob-1").out()).contains("status:           succeeded")
                .contains("fine-tuned model: ft:tuna-nano:local:marv:abcd1234")
                .contains("hyperparameters:  n_epochs=3 batch_size=1 learning_rate_multiplier=1.0");

        api.on("GET /v1/fine_tuning/jobs/ftjob-1/checkpoints", 200, list("""
                {"object":"fine_tuning.job.checkpoint","id":"ftckpt_1","created_at":1764574300,
                 "fine_tuned_model_checkpoint":"ft:tuna-nano:local:marv:abcd1234:ckpt-step-2","fine_tuning_job_id":"ftjob-1",
                 "metrics":{"step":2,"train_loss":1.75,"valid_loss":1.9},"step_number":2}"""));
        String checkpoints = run("jobs", "checkpoints", "ftjob-1").out();
        assertThat(checkpoints).contains("STEP  CHECKPOINT MODEL").contains("ft:tuna-nano:local:marv:abcd1234:ckpt-step-2  1.7500      1.9000");

        api.on("POST /v1/fine_tuning/jobs/ftjob-2/cancel", 200, job("ftjob-2", "cancelled", "null", "null"));
        api.on("POST /v1/fine_tuning/jobs/ftjob-2/pause", 200, job("ftjob-2", "paused", "null", "null"));
        api.on("POST /v1/fine_tuning/jobs/ftjob-2/resume", 200, job("ftjob-2", "queued", "null", "null"));
        assertThat(run("jobs", "pause", "ftjob-2").out()).isEqualTo("Paused ftjob-2 (status paused).\n");
        assertThat(run("jobs", "resume", "ftjob-2").out()).isEqualTo("Resumed ftjob-2 (status queued).\n");
        assertThat(mapper.readTree(run("jobs", "cancel", "ftjob-2", "--json").out()).get("status").asText()).isEqualTo("cancelled");
    }
}
