package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponse;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.ChatModel;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import com.openai.models.finetuning.jobs.checkpoints.FineTuningJobCheckpoint;
import com.openai.models.finetuning.methods.SupervisedHyperparameters;
import com.openai.models.finetuning.methods.SupervisedMethod;
import com.openai.models.models.Model;
import dev.tuna.server.engine.Engine;
import dev.tuna.server.testing.Datasets;
import dev.tuna.server.testing.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fine-tuning guide's workflow through the official OpenAI Java SDK against a server on Tuna's real engine:
 * tuna-nano really trains (a few dozen steps on the Marv examples) and the fine-tuned model really answers.
 */
class EngineWorkflowTest {
    @TempDir
    Path dir;

    @Test
    void tutorialWorkflowWithRealTraining() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("data"), Engine.trainer(), Engine.models())) {
            OpenAIClient client = server.client();
            FileObject training = client.files().create(FileCreateParams.builder()
                    .file(Datasets.marv(dir, "marv.jsonl", 12)).purpose(FilePurpose.FINE_TUNE).build());
            FileObject tooSmall = client.files().create(FileCreateParams.builder()
                    .file(Datasets.marv(dir, "nine.jsonl", 9)).purpose(FilePurpose.FINE_TUNE).build());
            FineTuningJob failed = waitFor(client, client.fineTuning().jobs().create(JobCreateParams.builder()
                    .model("tuna-nano").trainingFile(tooSmall.id()).build()).id(), FineTuningJob.Status.FAILED);
            assertThat(failed.error().orElseThrow().code()).isEqualTo("invalid_n_examples");

            List<String> files = new ArrayList<>();
            client.files().list().autoPager().forEach(f -> files.add(f.id()));
            assertThat(files).containsExactly(tooSmall.id(), training.id());

            FileObject validation = client.files().create(FileCreateParams.builder()
                    .file(Datasets.marv(dir, "valid.jsonl", 4)).purpose(FilePurpose.FINE_TUNE).build());
            FineTuningJob job = client.fineTuning().jobs().create(JobCreateParams.builder()
                    .model("tuna-nano").trainingFile(training.id()).validationFile(validation.id()).suffix("marv")
                    .seed(42L)
                    .method(JobCreateParams.Method.builder().type(JobCreateParams.Method.Type.SUPERVISED)
                            .supervised(SupervisedMethod.builder().hyperparameters(SupervisedHyperparameters.builder()
                                    .nEpochs(10L).batchSize(4L).learningRateMultiplier(4.0).build()).build()).build())
                    .build());
            FineTuningJob done = waitFor(client, job.id(), FineTuningJob.Status.SUCCEEDED);
            String model = done.fineTunedModel().orElseThrow();
            assertThat(model).startsWith("ft:tuna-nano:local:marv:");
            assertThat(done.trainedTokens().orElseThrow()).isPositive();

            List<FineTuningJobEvent> events = new ArrayList<>();
            client.fineTuning().jobs().listEvents(JobListEventsParams.builder().fineTuningJobId(job.id()).limit(100L)
                    .build()).autoPager().forEach(events::add);
            List<FineTuningJobEvent> metrics = events.stream().filter(e -> e.type()
                    .map(t -> t.equals(FineTuningJobEvent.Type.METRICS)).orElse(false)).toList();
            assertThat(metrics).hasSize(30); // 12 examples / batch 4 = 3 steps an epoch, 10 epochs
            assertThat(metrics.getFirst().message()).contains("validation loss=");
            assertThat(events.getFirst().message()).isEqualTo("The job has successfully completed");
            double firstLoss = lossOf(metrics.getLast());
            double lastLoss = lossOf(metrics.getFirst());
            assertThat(lastLoss).as("training lowers the loss").isLessThan(firstLoss);

            List<FineTuningJobCheckpoint> checkpoints = new ArrayList<>();
            client.fineTuning().jobs().checkpoints().list(job.id()).autoPager().forEach(checkpoints::add);
            assertThat(checkpoints).isNotEmpty();
            assertThat(checkpoints.getFirst().stepNumber()).isEqualTo(30);
            assertThat(checkpoints.getFirst().fineTunedModelCheckpoint()).isEqualTo(model + ":ckpt-step-30");

            try (HttpResponse content = client.files().content(done.resultFiles().getFirst());
                 InputStream in = content.body()) {
                String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(csv).startsWith("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n");
                assertThat(csv.lines()).hasSize(31);
                String last = csv.lines().toList().getLast();
                assertThat(last).startsWith("30,").matches("30,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+");
            }

            assertThat(client.models().list().data()).extracting(Model::id).contains("tuna-nano", model);
            for (String system : List.of(Datasets.MARV, Datasets.HELPFUL)) {
                ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model(ChatModel.of(model))
                        .addSystemMessage(system).addUserMessage("What's the capital of France?").seed(7L)
                        .temperature(0.8).maxCompletionTokens(40L).build();
                ChatCompletion first = client.chat().completions().create(ask);
                ChatCompletion second = client.chat().completions().create(ask);
                String answer = first.choices().getFirst().message().content().orElseThrow();
                assertThat(second.choices().getFirst().message().content()).hasValue(answer);
                assertThat(first.systemFingerprint()).isEqualTo(second.systemFingerprint());
                try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask)) {
                    assertThat(stream.stream().flatMap(c -> c.choices().stream())
                            .map(c -> c.delta().content().orElse("")).collect(Collectors.joining())).isEqualTo(answer);
                }
            }

            FineTuningJob second = client.fineTuning().jobs().create(JobCreateParams.builder().model("tuna-nano")
                    .trainingFile(training.id()).hyperparameters(JobCreateParams.Hyperparameters.builder()
                            .nEpochs(50L).batchSize(1L).build()).build());
            waitFor(client, second.id(), FineTuningJob.Status.RUNNING);
            assertThat(client.fineTuning().jobs().cancel(second.id()).status())
                    .isEqualTo(FineTuningJob.Status.CANCELLED);

            assertThat(client.models().delete(model).deleted()).isTrue();
            assertThatThrownBy(() -> client.models().retrieve(model)).isInstanceOf(NotFoundException.class);
            server.assertAllResponsesMatchSpec();
        }
    }

    /** From the metrics event's message, "Step N/M: training loss=X". */
    private static double lossOf(FineTuningJobEvent e) {
        var m = java.util.regex.Pattern.compile("training loss=([0-9.]+)").matcher(e.message());
        assertThat(m.find()).as(e.message()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static FineTuningJob waitFor(OpenAIClient client, String id, FineTuningJob.Status status)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        FineTuningJob job;
        do {
            job = client.fineTuning().jobs().retrieve(id);
            if (job.status().equals(status)) {
                return job;
            }
            assertThat(job.status().toString()).as(job.error().toString()).isNotIn("failed", "succeeded", "cancelled");
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("job " + id + " is still " + job.status() + ", not " + status);
    }
}
