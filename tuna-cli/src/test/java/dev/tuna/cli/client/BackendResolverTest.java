package dev.tuna.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendResolverTest {
    @TempDir
    Path home;

    private Backend resolve(Map<String, String> env, String url, String key, String profile) {
        return new BackendResolver(env, home).resolve(url, key, profile);
    }

    @Test
    void withNothingConfiguredItIsTheLocalServer() {
        Backend b = resolve(Map.of(), null, null, null);
        assertThat(b.baseUrl()).isEqualTo("http://127.0.0.1:8321/v1");
        assertThat(b.apiKey()).isNull();
        assertThat(b.isLocalDefault()).isTrue();
        assertThat(b.isLoopback()).isTrue();
    }

    @Test
    void baseUrlPrecedenceIsFlagThenProfileThenTunaThenOpenAiVariable() {
        var env = Map.of("TUNA_BASE_URL", "http://tuna.example/v1", "OPENAI_BASE_URL", "http://openai.example/v1/");
        assertThat(resolve(env, "http://flag.example/v1", null, "openai").baseUrl()).isEqualTo("http://flag.example/v1");
        assertThat(resolve(env, null, null, "openai").baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(resolve(env, null, null, null).baseUrl()).isEqualTo("http://tuna.example/v1");
        Backend fromOpenAiVar = resolve(Map.of("OPENAI_BASE_URL", "http://openai.example/v1/"), null, null, null);
        assertThat(fromOpenAiVar.baseUrl()).as("trailing slash dropped").isEqualTo("http://openai.example/v1");
        assertThat(fromOpenAiVar.source()).isEqualTo("OPENAI_BASE_URL");
        assertThat(fromOpenAiVar.isLocalDefault()).isFalse();
    }

    @Test
    void keyPrecedenceIsFlagThenProfileThenTunaThenOpenAiVariable() {
        var env = Map.of("TUNA_API_KEY", "sk-tuna", "OPENAI_API_KEY", "sk-openai", "LAB_KEY", "sk-lab");
        assertThat(resolve(env, null, "sk-flag", null).apiKey()).isEqualTo("sk-flag");
        assertThat(resolve(env, null, null, null).apiKey()).isEqualTo("sk-tuna");
        assertThat(resolve(Map.of("OPENAI_API_KEY", "sk-openai"), null, null, null).apiKey()).isEqualTo("sk-openai");
        // The built-in openai profile reads OPENAI_API_KEY even when TUNA_API_KEY is set.
        assertThat(resolve(env, null, null, "openai").apiKey()).isEqualTo("sk-openai");
    }

    @Test
    void profilesComeFromConfigTomlAndAreSelectedByFlagOrTunaProfile() throws IOException {
        Files.writeString(home.resolve("config.toml"), """
                [profiles.lab]
                base_url = "http://gpu-box.lan:8321/v1"
                api_key_env = "LAB_KEY"

                [profiles.inline]
                base_url = "http://other.lan/v1"
                api_key = "sk-inline"
                """);
        Backend lab = resolve(Map.of("LAB_KEY", "sk-lab"), null, null, "lab");
        assertThat(lab.baseUrl()).isEqualTo("http://gpu-box.lan:8321/v1");
        assertThat(lab.apiKey()).isEqualTo("sk-lab");
        assertThat(lab.source()).isEqualTo("profile 'lab'");
        assertThat(resolve(Map.of("TUNA_PROFILE", "inline"), null, null, null).apiKey()).isEqualTo("sk-inline");
        assertThat(resolve(Map.of("TUNA_PROFILE", "inline"), null, null, "lab").baseUrl())
                .as("--profile wins over TUNA_PROFILE").isEqualTo("http://gpu-box.lan:8321/v1");
    }

    @Test
    void anUnknownProfileNamesTheKnownOnesAndTheFile() {
        assertThatThrownBy(() -> resolve(Map.of(), null, null, "nope"))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("no profile named 'nope'")
                .hasMessageContaining("local, openai")
                .hasMessageContaining(home.resolve("config.toml").toString());
    }

    @Test
    void brokenConfigFilesAreReportedWithFileAndLine() throws IOException {
        Files.writeString(home.resolve("config.toml"), "[profiles.lab]\nbase_url = \"http://x/v1\"\nthis is not toml\n");
        assertThatThrownBy(() -> resolve(Map.of(), null, null, "lab"))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("config.toml:3")
                .hasMessageContaining("not valid TOML");

        Files.writeString(home.resolve("config.toml"), "[profiles.lab]\nbase_url = \"http://x/v1\"\napi_kye = \"k\"\n");
        assertThatThrownBy(() -> resolve(Map.of(), null, null, "lab"))
                .hasMessageContaining("unknown key 'api_kye'");

        Files.writeString(home.resolve("config.toml"), "[profiles.lab]\napi_key = \"k\"\n");
        assertThatThrownBy(() -> resolve(Map.of(), null, null, "lab")).hasMessageContaining("needs base_url");
    }

    @Test
    void aBaseUrlMustBeHttp() {
        assertThatThrownBy(() -> resolve(Map.of(), "127.0.0.1:8321", null, null))
                .isInstanceOf(TunaException.class).hasMessageContaining("must be an http:// or https:// URL");
        assertThatThrownBy(() -> resolve(Map.of("TUNA_BASE_URL", "ftp://x/v1"), null, null, null))
                .hasMessageContaining("from TUNA_BASE_URL");
    }

    @Test
    void hostsAreClassified() {
        assertThat(new Backend("https://api.openai.com/v1", null, "x").isOpenAi()).isTrue();
        assertThat(new Backend("https://api.openai.com/v1", null, "x").isLoopback()).isFalse();
        assertThat(new Backend("http://localhost:8321/v1", null, "x").isLoopback()).isTrue();
        assertThat(new Backend("http://[::1]:8321/v1", null, "x").isLoopback()).isTrue();
        assertThat(new Backend("http://gpu-box.lan/v1", "", "x").apiKey()).as("blank key is no key").isNull();
    }
}
