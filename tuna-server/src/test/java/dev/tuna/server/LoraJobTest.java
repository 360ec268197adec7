package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.models.Model;
import dev.tuna.engine.runtime.TinyCheckpoint;
import dev.tuna.server.engine.Engine;
import dev.tuna.server.testing.Datasets;
import dev.tuna.server.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Hugging Face checkpoint in the models folder is a base model: chat with it, LoRA-tune it, chat with that. */
class LoraJobTest {
    @TempDir
    Path dir;

    @Test
    void loraJobOnACheckpointFolder() throws Exception {
        Path data = dir.resolve("data");
        TinyCheckpoint.write(Files.createDirectories(data.resolve("models")).resolve("tiny-llama"), 3);
        try (TestServer server = TestServer.start(data, Engine.trainer(), Engine.models())) {
            OpenAIClient client = server.client();
            assertThat(client.models().list().data()).extracting(Model::id).containsExactly("tuna-nano", "tiny-llama");
            ChatCompletion base = client.chat().completions().create(ChatCompletionCreateParams.builder()
                    .model("tiny-llama").addUserMessage("hello").seed(1L).maxCompletionTokens(8L).build());
            assertThat(base.usage().orElseThrow().completionTokens()).isBetween(1L, 8L);

            String file = client.files().create(FileCreateParams.builder().file(Datasets.marv(dir, "m.jsonl", 10))
                    .purpose(FilePurpose.FINE_TUNE).build()).id();
            String id = client.fineTuning().jobs().create(JobCreateParams.builder().model("tiny-llama")
                    .trainingFile(file).suffix("lora").hyperparameters(JobCreateParams.Hyperparameters.builder()
                            .nEpochs(2L).batchSize(5L).build()).build()).id();
            FineTuningJob job;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            do {
                Thread.sleep(50);
                job = client.fineTuning().jobs().retrieve(id);
                assertThat(job.status()).as(job.error().toString()).isNotIn(FineTuningJob.Status.FAILED,
                        FineTuningJob.Status.CANCELLED);
                assertThat(Instant.now()).isBefore(deadline);
            } while (!job.status().equals(FineTuningJob.Status.SUCCEEDED));
            String model = job.fineTunedModel().orElseThrow();
            assertThat(model).startsWith("ft:tiny-llama:local:lora:");
            ChatCompletionCreateParams ask = ChatCompletionCreateParams.builder().model(model)
                    .addSystemMessage(Datasets.MARV).addUserMessage("What's the capital of France?").seed(5L)
                    .maxCompletionTokens(8L).build();
            ChatCompletion tuned = client.chat().completions().create(ask);
            assertThat(client.chat().completions().create(ask).choices().getFirst().message().content())
                    .isEqualTo(tuned.choices().getFirst().message().content());
            assertThat(tuned.systemFingerprint()).isNotEqualTo(base.systemFingerprint()); // base + adapter
            assertThat(client.models().delete(model).deleted()).isTrue();
            assertThat(Files.isDirectory(data.resolve("models/tiny-llama"))).isTrue(); // the base stays
            server.assertAllResponsesMatchSpec();
        }
    }
}
