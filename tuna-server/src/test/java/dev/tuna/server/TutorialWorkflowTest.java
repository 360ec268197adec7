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
import dev.tuna.server.testing.Datasets;
import dev.tuna.server.testing.ScriptedTrainer;
import dev.tuna.server.testing.TestServer;
import dev.tuna.server.testing.WordModels;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fine-tuning guide's workflow, written against the official OpenAI Java SDK exactly as a user would write it
 * for api.openai.com, with only the base URL changed. Training and generation come from test doubles of the
 * engine here (see {@code EngineWorkflowTest} for the same workflow with the real engine).
 */
class TutorialWorkflowTest {
    @TempDir
    Path dir;
    TestServer server;
    OpenAIClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir.resolve("data"), new ScriptedTrainer(5), new WordModels());
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void tutorialWorkflowThroughTheOpenAiSdk() throws Exception {
        // Upload the training data, and a file that is too small to train on.
        FileObject training = client.files().create(FileCreateParams.builder()
                .file(Datasets.marv(dir, "marv.jsonl", 12)).purpose(FilePurpose.FINE_TUNE).build());
        assertThat(training.filename()).isEqualTo("marv.jsonl");
        assertThat(training.purpose()).isEqualTo(FileObject.Purpose.FINE_TUNE);
        FileObject tooSmall = client.files().create(FileCreateParams.builder()
                .file(Datasets.marv(dir, "nine.jsonl", 9)).purpose(FilePurpose.FINE_TUNE).build());

        FineTuningJob failing = client.fineTuning().jobs().create(JobCreateParams.builder()
                .model("tuna-nano").trainingFile(tooSmall.id()).build());
        FineTuningJob failed = waitFor(failing.id(), FineTuningJob.Status.FAILED);
        assertThat(failed.error()).hasValueSatisfying(e -> {
            assertThat(e.code()).isEqualTo("invalid_n_examples");
            assertThat(e.message()).contains("9 example(s)").contains("at least 10");
            assertThat(e.param()).hasValue("training_file");
        });

        List<String> listed = new ArrayList<>();
        client.files().list().autoPager().forEach(f -> listed.add(f.id()));
        assertThat(listed).containsExactly(tooSmall.id(), training.id()); // newest first

        // Fine-tune tuna-nano, following the events until the job ends.
        FineTuningJob job = client.fineTuning().jobs().create(JobCreateParams.builder()
                .model("tuna-nano").trainingFile(training.id()).suffix("marv").seed(42L)
                .method(JobCreateParams.Method.builder().type(JobCreateParams.Method.Type.SUPERVISED)
                        .supervised(SupervisedMethod.builder().hyperparameters(SupervisedHyperparameters.builder()
                                .nEpochs(2L).build()).build()).build())
                .build());
        assertThat(job.status()).isEqualTo(FineTuningJob.Status.VALIDATING_FILES);
        assertThat(job.seed()).isEqualTo(42);
        FineTuningJob done = waitFor(job.id(), FineTuningJob.Status.SUCCEEDED);
        String model = done.fineTunedModel().orElseThrow();
        assertThat(model).isEqualTo("ft:tuna-nano:local:marv:" + job.id().substring(job.id().length() - 8));
        assertThat(done.trainedTokens()).hasValue(24L * 40);
        assertThat(done.hyperparameters().nEpochs().orElseThrow().asInteger()).isEqualTo(2);
        assertThat(done.finishedAt()).isPresent();

        List<FineTuningJobEvent> events = new ArrayList<>();
        client.fineTuning().jobs().listEvents(JobListEventsParams.builder().fineTuningJobId(job.id()).limit(7L)
                .build()).autoPager().forEach(events::add);
        List<String> messages = events.reversed().stream().map(FineTuningJobEvent::message).toList();
        assertThat(messages.getFirst()).isEqualTo("Created fine-tuning job: " + job.id());
        assertThat(messages).contains("Files validated, moving job to queued state", "Fine-tuning job started",
                "New fine-tuned model created: " + model);
        assertThat(messages.getLast()).isEqualTo("The job has successfully completed");
        List<FineTuningJobEvent> metrics = events.stream()
                .filter(e -> e.type().map(t -> t.equals(FineTuningJobEvent.Type.METRICS)).orElse(false)).toList();
        assertThat(metrics).hasSize(24);
        assertThat(metrics.getFirst().message()).startsWith("Step 24/24: training loss=");

        List<FineTuningJobCheckpoint> checkpoints = new ArrayList<>();
        client.fineTuning().jobs().checkpoints().list(job.id()).autoPager().forEach(checkpoints::add);
        assertThat(checkpoints).extracting(FineTuningJobCheckpoint::stepNumber).containsExactly(20L, 15L, 10L, 5L);
        assertThat(checkpoints.getFirst().fineTunedModelCheckpoint()).isEqualTo(model + ":ckpt-step-20");

        String csv;
        try (HttpResponse content = client.files().content(done.resultFiles().getFirst());
             InputStream in = content.body()) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(csv).startsWith("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,");
        assertThat(csv.lines()).hasSize(25);
        assertThat(client.files().retrieve(done.resultFiles().getFirst()).purpose())
                .isEqualTo(FileObject.Purpose.FINE_TUNE_RESULTS);

        // The new model is listed and answers, the same way for the same seed.
        assertThat(client.models().list().data()).extracting(Model::id).contains("tuna-nano", model);
        for (String system : List.of(Datasets.MARV, Datasets.HELPFUL)) {
            ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model(ChatModel.of(model))
                    .addSystemMessage(system).addUserMessage("What's the capital of France?").seed(7L)
                    .temperature(0.7).maxCompletionTokens(64L).build();
            ChatCompletion first = client.chat().completions().create(ask);
            ChatCompletion second = client.chat().completions().create(ask);
            String answer = first.choices().getFirst().message().content().orElseThrow();
            assertThat(answer).isNotBlank();
            assertThat(second.choices().getFirst().message().content()).hasValue(answer);
            assertThat(first.systemFingerprint()).isPresent().isEqualTo(second.systemFingerprint());
            assertThat(first.usage().orElseThrow().totalTokens()).isPositive();

            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask)) {
                String streamed = stream.stream().flatMap(c -> c.choices().stream())
                        .map(c -> c.delta().content().orElse("")).collect(Collectors.joining());
                assertThat(streamed).isEqualTo(answer);
            }
        }

        // A second job, cancelled while it runs.
        FineTuningJob second = client.fineTuning().jobs().create(JobCreateParams.builder()
                .model("tuna-nano").trainingFile(training.id()).hyperparameters(JobCreateParams.Hyperparameters
                        .builder().nEpochs(50L).build()).build());
        waitFor(second.id(), FineTuningJob.Status.RUNNING);
        assertThat(client.fineTuning().jobs().cancel(second.id()).status()).isEqualTo(FineTuningJob.Status.CANCELLED);
        Thread.sleep(200);
        FineTuningJob cancelled = client.fineTuning().jobs().retrieve(second.id());
        assertThat(cancelled.status()).isEqualTo(FineTuningJob.Status.CANCELLED);
        assertThat(cancelled.fineTunedModel()).isEmpty();

        // Delete the model: it is gone from the list and from chat.
        assertThat(client.models().delete(model).deleted()).isTrue();
        assertThat(client.models().list().data()).extracting(Model::id).doesNotContain(model);
        assertThatThrownBy(() -> client.models().retrieve(model)).isInstanceOf(NotFoundException.class);

        server.assertAllResponsesMatchSpec();
        assertThat(server.schemas.checked()).isGreaterThan(30);
    }

    private FineTuningJob waitFor(String id, FineTuningJob.Status status) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        FineTuningJob job;
        do {
            job = client.fineTuning().jobs().retrieve(id);
            if (job.status().equals(status)) {
                return job;
            }
            assertThat(job.status().toString()).isNotIn("failed", "succeeded", "cancelled");
            Thread.sleep(20);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("job " + id + " is still " + job.status() + ", not " + status);
    }
}
