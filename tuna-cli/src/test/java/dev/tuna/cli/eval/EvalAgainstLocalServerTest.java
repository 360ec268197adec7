package dev.tuna.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import dev.tuna.cli.Cli;
import dev.tuna.data.eval.EvalReport;
import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tuna eval run} against the real local server: tuna-nano fine-tuned (really trained, by Tuna's engine) on 20
 * KorQuAD questions prepared by {@code tuna prepare}, compared with the untrained base on those questions; and the
 * seeded determinism that {@code --repeat} measures.
 */
class EvalAgainstLocalServerTest {
    static final Path DEV = Path.of(System.getProperty("tuna.repo.root", "../")).resolve("data/korquad/KorQuAD_v1.0_dev.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TunaServer server;
    static Path train;
    static String fineTuned;
    static String jobId;

    @BeforeAll
    static void fineTuneNano() throws Exception {
        train = dir.resolve("train.jsonl");
        Cli.Result prepared = Cli.run("prepare", "korquad", DEV.toString(), "-o", train.toString(), "--limit", "20");
        assertThat(prepared.exit()).as(prepared.toString()).isZero();
        assertThat(Files.readAllLines(train)).hasSize(20);

        server = TunaServer.start(ServerConfig.of(dir.resolve("data"), dir.resolve("models")).withPort(0));
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl().toString()).apiKey("unused-by-a-keyless-server").build();
        try {
            String file = client.files().create(FileCreateParams.builder().file(train).purpose(FilePurpose.FINE_TUNE)
                    .build()).id();
            FineTuningJob job = client.fineTuning().jobs().create(JobCreateParams.builder().model("tuna-nano")
                    .trainingFile(file).suffix("kq").seed(42L).build());
            jobId = job.id();
            Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
            while (!job.status().equals(FineTuningJob.Status.SUCCEEDED)) {
                assertThat(job.status()).as("job %s", job.id()).isNotIn(FineTuningJob.Status.FAILED,
                        FineTuningJob.Status.CANCELLED);
                assertThat(Instant.now()).as("training finished in time").isBefore(deadline);
                Thread.sleep(1000);
                job = client.fineTuning().jobs().retrieve(job.id());
            }
            fineTuned = job.fineTunedModel().orElseThrow();
        } finally {
            client.close();
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode evalRun(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("eval", "run"));
        all.addAll(List.of(args));
        all.addAll(List.of("--json", "--base-url", server.baseUrl().toString()));
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        assertThat(r.exit()).as(r.toString()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void theFineTunedNanoScoresHigherOnItsTrainingQuestionsThanTheUntrainedBase() throws Exception {
        Path report = dir.resolve("report.html");
        JsonNode s = evalRun("--models", "tuna-nano," + fineTuned, "--dataset", train.toString(), "--temperature", "0",
                "--seed", "1", "--report", report.toString(), "--out", dir.resolve("pred.json").toString());
        JsonNode base = s.get("variants").get(0);
        JsonNode ft = s.get("variants").get(1);
        System.out.printf("base %s: EM %.2f F1 %.2f; %s: EM %.2f F1 %.2f%n", base.get("model").asText(),
                base.get("exactMatch").asDouble(), base.get("f1").asDouble(), ft.get("model").asText(),
                ft.get("exactMatch").asDouble(), ft.get("f1").asDouble());
        assertThat(ft.get("model").asText()).isEqualTo(fineTuned);
        assertThat(ft.get("exactMatch").asDouble()).isGreaterThan(base.get("exactMatch").asDouble());
        assertThat(ft.get("deltaExactMatch").asDouble()).isPositive();
        assertThat(ft.get("f1").asDouble()).isGreaterThan(base.get("f1").asDouble());

        // The report carries the job's real training loss from its step_metrics.csv result file.
        EvalReport json = EvalReport.readJson(dir.resolve("report.json"));
        assertThat(json.lossCurves()).singleElement().satisfies(c -> {
            assertThat(c.model()).isEqualTo(fineTuned);
            assertThat(c.jobId()).isEqualTo(jobId);
            assertThat(c.points()).hasSizeGreaterThan(5);
            assertThat(c.points().getLast().trainLoss()).isLessThan(c.points().getFirst().trainLoss());
        });
        assertThat(Files.readString(report)).contains("<svg class=\"loss\"", fineTuned);
        screenshot(report, Path.of("target", "eval-report", "local-server-report.png").toAbsolutePath());
        // The fine-tuned model's predictions score the same through tuna eval score.
        Cli.Result score = Cli.run("eval", "score", "--dataset", train.toString(), "--predictions",
                dir.resolve("pred-2.json").toString(), "--json");
        assertThat(JSON.readTree(score.out()).get("exact_match").asDouble()).isEqualTo(ft.get("exactMatch").asDouble());
    }

    /** Renders the report in Debian's headless Chromium (when installed) and keeps the picture under target/. */
    static void screenshot(Path html, Path png) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            return;
        }
        Files.createDirectories(png.getParent());
        Files.deleteIfExists(png);
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("chromium"), "--window-size=1280,1600",
                "--screenshot=" + png, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(20_000);
    }

    @Test
    void repeatingWithASeedGivesTheSameAnswersEveryTime() throws Exception {
        // Sampling at the default temperature (1): with a seed the local backend answers identically each time...
        JsonNode seeded = evalRun("--model", fineTuned, "--dataset", train.toString(), "--repeat", "3", "--seed", "7",
                "--limit", "10", "--cache", dir.resolve("seeded.jsonl").toString());
        JsonNode v = seeded.get("variants").get(0);
        assertThat(v.get("repeats").asInt()).isEqualTo(3);
        assertThat(v.get("questionsWithDifferentAnswers").asInt()).isZero();

        // ...while without one the untrained model's samples differ, which is what --repeat is there to show.
        JsonNode unseeded = evalRun("--model", "tuna-nano", "--dataset", train.toString(), "--repeat", "3",
                "--limit", "10", "--max-tokens", "16", "--cache", dir.resolve("unseeded.jsonl").toString());
        assertThat(unseeded.get("variants").get(0).get("questionsWithDifferentAnswers").asInt()).isPositive();
    }
}
