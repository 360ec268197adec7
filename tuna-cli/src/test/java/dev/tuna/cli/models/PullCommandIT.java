package dev.tuna.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.engine.hub.FakeHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code ./tuna} launcher, so HF_ENDPOINT and HF_TOKEN reach it as they would reach a user's. */
class PullCommandIT {
    @TempDir
    Path home;

    @Test
    void pullsThroughTheLauncherWithHfEndpointAndHfToken() throws Exception {
        try (var hub = new FakeHub()) {
            hub.requiredToken = "hf_token";
            hub.put("config.json", FakeHub.TINY_LLAMA_CONFIG.replace("llama", "qwen2"), false);
            hub.put("tokenizer.json", "{}", false);
            hub.put("model.safetensors", new byte[4096], true);

            var denied = tuna(hub, null, "models", "pull", "org/tiny");
            assertThat(denied.code).isEqualTo(2);
            assertThat(denied.err).contains("tuna: access to org/tiny was refused").doesNotContain("Exception");

            var ok = tuna(hub, "hf_token", "models", "pull", "org/tiny", "--name", "tiny-qwen");
            assertThat(ok.code).as(ok.err).isZero();
            assertThat(ok.out).contains("config.json  verified").contains("model.safetensors  verified")
                    .contains("is ready as base model 'tiny-qwen'");
            assertThat(home.resolve("models/tiny-qwen/model.safetensors")).hasSize(4096);
        }
    }

    record Run(int code, String out, String err) {
    }

    private Run tuna(FakeHub hub, String token, String... args) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("tuna.repo.root"));
        var command = new java.util.ArrayList<String>();
        command.add(root.resolve("tuna").toString());
        command.addAll(java.util.List.of(args));
        var pb = new ProcessBuilder(command);
        pb.environment().put("TUNA_HOME", home.toString());
        pb.environment().put("HF_ENDPOINT", hub.endpoint());
        if (token != null) {
            pb.environment().put("HF_TOKEN", token);
        } else {
            pb.environment().remove("HF_TOKEN");
        }
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("tuna finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
