package dev.tuna.engine.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPullerTest {
    @TempDir
    Path models;
    FakeHub hub;
    byte[] weights;

    @BeforeEach
    void startHub() throws Exception {
        hub = new FakeHub();
        weights = new byte[300_000];
        new SplittableRandom(1).nextBytes(weights);
        hub.put("config.json", FakeHub.TINY_LLAMA_CONFIG, false);
        hub.put("tokenizer.json", "{\"model\":{}}", false);
        hub.put("tokenizer_config.json", "{\"chat_template\":\"x\"}", false);
        hub.put("model.safetensors", weights, true);
        hub.put("README.md", "not needed", false);
        hub.put("pytorch_model.bin", new byte[10], true);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    ModelPuller puller(String token) {
        return new ModelPuller(new HubClient(hub.endpoint(), token), models);
    }

    @Test
    void pullsOnlyTheCheckpointFilesVerifiesThemAndRecordsTheSource() throws Exception {
        var progress = new ArrayList<String>();
        var result = puller(null).pull("org/tiny", "main", null, new DownloadListener() {
            @Override
            public void fileDone(String file, boolean verified) {
                progress.add(file + (verified ? " ok" : " unverified"));
            }
        });

        Path dir = models.resolve("tiny");
        assertThat(result.dir()).isEqualTo(dir);
        assertThat(result.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(Files.readAllBytes(dir.resolve("model.safetensors"))).isEqualTo(weights);
        assertThat(dir.resolve("README.md")).doesNotExist();
        assertThat(dir.resolve("pytorch_model.bin")).doesNotExist();
        assertThat(Files.readString(dir.resolve(ModelPuller.SOURCE_FILE))).contains("org/tiny").contains(FakeHub.COMMIT);
        assertThat(progress).containsExactly("config.json ok", "tokenizer.json ok", "tokenizer_config.json ok",
                "model.safetensors ok");
        try (var listing = Files.list(models)) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("tiny");
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("."))).isEmpty();
        }
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() {
        hub.cutOnce = "model.safetensors";
        assertThatThrownBy(() -> puller(null).pull("org/tiny", "main", null, DownloadListener.NONE))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("interrupted").hasMessageContaining("again to resume");
        assertThat(models.resolve("tiny")).doesNotExist();

        puller(null).pull("org/tiny", "main", null, DownloadListener.NONE);

        assertThat(models.resolve("tiny/model.safetensors")).hasBinaryContent(weights);
        List<FakeHub.Served> cdn = hub.requests.stream().filter(r -> r.path().startsWith("/cdn/")).toList();
        assertThat(cdn).hasSize(2);
        // The resumed request starts where the kept bytes end: at most the half the hub sent before it cut the
        // connection (bytes still in flight when the connection drops may be lost, more so on a loaded machine).
        assertThat(cdn.get(1).range()).matches("bytes=\\d+-");
        long resumedAt = Long.parseLong(cdn.get(1).range().substring(6, cdn.get(1).range().length() - 1));
        assertThat(resumedAt).isPositive().isLessThanOrEqualTo(weights.length / 2);
        // config.json was verified in the first attempt and is not fetched again
        assertThat(hub.requests.stream().filter(r -> r.path().endsWith("/config.json")).count()).isEqualTo(1);
    }

    @Test
    void aChecksumMismatchDeletesTheCorruptFileAndSaysSo() {
        hub.corruptSha.put("model.safetensors", "00".repeat(32));
        assertThatThrownBy(() -> puller(null).pull("org/tiny", "main", null, DownloadListener.NONE))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("model.safetensors").hasMessageContaining("checksum");
        assertThat(models.resolve(".tiny.download/model.safetensors")).doesNotExist();
        assertThat(models.resolve("tiny")).doesNotExist();
    }

    @Test
    void gatedModelsNeedHfTokenWhichNeverTravelsToTheCdn() {
        hub.requiredToken = "hf_secret";
        assertThatThrownBy(() -> puller(null).pull("org/tiny", "main", null, DownloadListener.NONE))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("gated").hasMessageContaining("HF_TOKEN is not set");

        puller("hf_secret").pull("org/tiny", "main", null, DownloadListener.NONE);

        assertThat(models.resolve("tiny/model.safetensors")).exists();
        assertThat(hub.requests).filteredOn(r -> r.path().startsWith("/cdn/")).allMatch(r -> r.authorization() == null);
        assertThat(hub.requests).filteredOn(r -> r.path().startsWith("/api/")).last()
                .extracting(FakeHub.Served::authorization).isEqualTo("Bearer hf_secret");
    }

    @Test
    void refusesAnArchitectureTheEngineCannotRunBeforeFetchingWeights() {
        hub.put("config.json", "{\"model_type\":\"gpt2\"}", false);
        assertThatThrownBy(() -> puller(null).pull("org/tiny", "main", null, DownloadListener.NONE))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("cannot run on Tuna's engine").hasMessageContaining("gpt2");
        assertThat(hub.requests).noneMatch(r -> r.path().contains("safetensors"));
    }

    @Test
    void shardedCheckpointsFetchEveryShardTheIndexNames() {
        hub.files.remove("model.safetensors");
        hub.lfs.remove("model.safetensors");
        hub.put("model.safetensors.index.json",
                "{\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}}", false);
        hub.put("model-00001-of-00002.safetensors", new byte[] {1, 2, 3}, true);
        hub.put("model-00002-of-00002.safetensors", new byte[] {4, 5}, true);
        hub.put("consolidated.safetensors", new byte[] {9}, true);

        var result = puller(null).pull("org/tiny", "main", "tiny-sharded", DownloadListener.NONE);

        assertThat(result.files()).contains("model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors")
                .doesNotContain("consolidated.safetensors");
        assertThat(models.resolve("tiny-sharded/model-00002-of-00002.safetensors")).hasBinaryContent(new byte[] {4, 5});
    }

    @Test
    void clearErrorsForBadNamesUnknownReposExistingFoldersAndNoSafetensors() throws Exception {
        assertThatThrownBy(() -> puller(null).pull("../etc", "main", null, DownloadListener.NONE))
                .hasMessageContaining("ORG/NAME");
        assertThatThrownBy(() -> puller(null).pull("org/other", "main", null, DownloadListener.NONE))
                .hasMessageContaining("no model org/other").hasMessageContaining("404");
        Files.createDirectories(models.resolve("tiny"));
        assertThatThrownBy(() -> puller(null).pull("org/tiny", "main", null, DownloadListener.NONE))
                .hasMessageContaining("already exists");
        hub.files.remove("model.safetensors");
        hub.lfs.remove("model.safetensors");
        assertThatThrownBy(() -> puller(null).pull("org/tiny", "main", "x", DownloadListener.NONE))
                .hasMessageContaining("no safetensors weights");
    }

    @Test
    void nothingListeningIsAOneLineNetworkError() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var puller = new ModelPuller(new HubClient("http://127.0.0.1:" + port, null), models);
        assertThatThrownBy(() -> puller.pull("org/tiny", "main", null, DownloadListener.NONE))
                .isInstanceOf(TunaException.class).hasMessageContaining("cannot reach the Hugging Face hub");
    }
}
