package dev.tuna.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.JobListParams;
import dev.tuna.server.testing.Datasets;
import dev.tuna.server.testing.ScriptedTrainer;
import dev.tuna.server.testing.TestServer;
import dev.tuna.server.testing.WordModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cursor pagination: with limit=1, walking {@code after} visits every item exactly once and then ends. */
class PaginationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    TestServer server;
    OpenAIClient client;
    final List<String> fileIds = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir.resolve("data"), new ScriptedTrainer(1000), new WordModels());
        client = server.client();
        Path data = Datasets.marv(dir, "marv.jsonl", 10);
        for (int i = 0; i < 5; i++) {
            fileIds.add(client.files().create(FileCreateParams.builder().file(data).purpose(FilePurpose.FINE_TUNE)
                    .build()).id());
        }
    }

    @AfterEach
    void stop() {
        server.assertAllResponsesMatchSpec();
        server.close();
    }

    @Test
    void filesWalkedOneByOneWithRawCursors() throws Exception {
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 10; page++) {
            JsonNode body = JSON.readTree(server.get("/v1/files?limit=1" + (after == null ? "" : "&after=" + after))
                    .body());
            if (body.get("data").isEmpty()) {
                assertThat(body.get("has_more").asBoolean()).isFalse();
                break;
            }
            assertThat(body.get("data")).hasSize(1);
            after = body.get("data").get(0).get("id").asText();
            assertThat(body.get("first_id").asText()).isEqualTo(after);
            seen.add(after);
            assertThat(body.get("has_more").asBoolean()).isEqualTo(seen.size() < 5);
        }
        assertThat(seen).containsExactlyElementsOf(fileIds.reversed());
        JsonNode asc = JSON.readTree(server.get("/v1/files?order=asc&limit=2&after=" + fileIds.get(1)).body());
        assertThat(asc.get("data")).extracting(n -> n.get("id").asText()).containsExactly(fileIds.get(2), fileIds.get(3));
    }

    @Test
    void sdkAutoPagerVisitsEveryItemOnce() throws Exception {
        List<String> files = new ArrayList<>();
        client.files().list(FileListParams.builder().limit(1L).build()).autoPager().forEach(f -> files.add(f.id()));
        assertThat(files).containsExactlyElementsOf(fileIds.reversed());

        client.files().delete(fileIds.get(2)); // a deleted item's id still works as a cursor
        assertThat(server.get("/v1/files?limit=1&after=" + fileIds.get(2)).statusCode()).isEqualTo(200);

        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(client.fineTuning().jobs().create(JobCreateParams.builder().model("tuna-nano")
                    .trainingFile(fileIds.getFirst()).build()).id());
        }
        List<String> listed = new ArrayList<>();
        client.fineTuning().jobs().list(JobListParams.builder().limit(1L).build()).autoPager()
                .forEach(j -> listed.add(j.id()));
        assertThat(listed).containsExactlyElementsOf(jobs.reversed());
        assertThat(new HashSet<>(listed)).hasSize(4);

        List<String> events = new ArrayList<>();
        client.fineTuning().jobs().listEvents(com.openai.models.finetuning.jobs.JobListEventsParams.builder()
                .fineTuningJobId(jobs.getFirst()).limit(1L).build()).autoPager().forEach(e -> events.add(e.id()));
        assertThat(events).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        for (String id : jobs) {
            assertThat(client.fineTuning().jobs().cancel(id).status()).isEqualTo(FineTuningJob.Status.CANCELLED);
        }
    }

    @Test
    void badCursorsAndLimitsAre400() throws Exception {
        assertThat(server.get("/v1/files?limit=0").statusCode()).isEqualTo(400);
        assertThat(server.get("/v1/files?limit=abc").statusCode()).isEqualTo(400);
        assertThat(server.get("/v1/files?after=file-unknown").statusCode()).isEqualTo(400);
        assertThat(server.get("/v1/fine_tuning/jobs?after=ftjob-unknown").statusCode()).isEqualTo(400);
        assertThat(server.get("/v1/files?order=sideways").statusCode()).isEqualTo(400);
    }
}
