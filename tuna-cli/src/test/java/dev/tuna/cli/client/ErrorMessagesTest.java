package dev.tuna.cli.client;

import static dev.tuna.cli.client.FakeOpenAi.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuna.cli.Cli;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each failure a user meets gives one clear line on stderr, no stack trace, and the documented exit code. */
class ErrorMessagesTest {
    private final FakeOpenAi api = new FakeOpenAi();

    @AfterEach
    void stop() {
        api.close();
    }

    private static void assertOneCleanLine(Cli.Result r) {
        assertThat(r.err().strip().lines()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("tuna: ").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aWrongKeyIs401WithAHintAboutKeys() {
        api.on("GET /v1/files", 401, error("Incorrect API key provided: sk-wrong.", "invalid_request_error", null, "invalid_api_key"));
        Cli.Result r = Cli.run("files", "list", "--base-url", api.baseUrl(), "--api-key", "sk-wrong");
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains(api.baseUrl() + " rejected the request (401 Incorrect API key provided: sk-wrong.)")
                .contains("check the key");
        assertThat(api.requests("GET /v1/files")).as("401 is not retried").hasSize(1);
        assertThat(api.requests().getFirst().header("Authorization")).isEqualTo("Bearer sk-wrong");
    }

    @Test
    void aMissingKeyIs401WithAHintToGiveOne() {
        assumeTrue(System.getenv("TUNA_API_KEY") == null && System.getenv("OPENAI_API_KEY") == null);
        api.on("GET /v1/models", 401, error("You didn't provide an API key.", "invalid_request_error", null, null));
        Cli.Result r = Cli.run("models", "list", "--base-url", api.baseUrl());
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("it needs an API key: pass --api-key");
        assertThat(api.requests().getFirst().header("Authorization")).as("no key, no header").isNull();
    }

    @Test
    void openAiWithoutAKeyIsRefusedBeforeAnyRequest() {
        assumeTrue(System.getenv("TUNA_API_KEY") == null && System.getenv("OPENAI_API_KEY") == null);
        Cli.Result r = Cli.run("jobs", "list", "--profile", "openai");
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("no API key for OpenAI (https://api.openai.com/v1, from profile 'openai')")
                .contains("set OPENAI_API_KEY");
    }

    @Test
    void anUnknownModelSaysSoAndPointsToModelsList() {
        api.on("POST /v1/chat/completions", 404,
                error("The model `gpt-nope` does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found"));
        Cli.Result r = Cli.run("chat", "--base-url", api.baseUrl(), "--model", "gpt-nope", "Hi");
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("unknown model at " + api.baseUrl() + ": The model `gpt-nope` does not exist")
                .contains("'tuna models list'");
    }

    @Test
    void aRateLimitIsRetriedThenReported() {
        api.on("GET /v1/fine_tuning/jobs", 429, error("Rate limit reached for requests", "requests", null, "rate_limit_exceeded"));
        Cli.Result r = Cli.run("jobs", "list", "--base-url", api.baseUrl());
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("rate limited by " + api.baseUrl() + " (429 Rate limit reached for requests)")
                .contains("try again");
        assertThat(api.requests("GET /v1/fine_tuning/jobs")).as("the first try and the SDK's two retries").hasSize(3);
    }

    @Test
    void aRateLimitThatClearsIsInvisible() {
        api.on("GET /v1/models",
                FakeOpenAi.json(429, error("Rate limit reached for requests", "requests", null, "rate_limit_exceeded")),
                FakeOpenAi.json(200, """
                        {"object":"list","data":[{"id":"tuna-nano","object":"model","created":1700000000,"owned_by":"tuna"}]}"""));
        Cli.Result r = Cli.run("models", "list", "--base-url", api.baseUrl());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("tuna-nano");
        assertThat(api.requests("GET /v1/models")).hasSize(2);
    }

    @Test
    void anExhaustedQuotaIsNotCalledARateLimit() {
        api.on("GET /v1/models", 429, error("You exceeded your current quota.", "insufficient_quota", null, "insufficient_quota"));
        Cli.Result r = Cli.run("models", "list", "--base-url", api.baseUrl());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("quota exhausted").contains("billing");
    }

    @Test
    void aDownNetworkNamesTheUrlAndSuggestsStartingTheServer() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/v1";
        Cli.Result r = Cli.run("files", "list", "--base-url", url);
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("cannot reach " + url + " (connection refused)").contains("'tuna serve'");
    }

    @Test
    void aRefusedRequestIsInputJudgedBadWithExitCodeOne() {
        api.on("POST /v1/fine_tuning/jobs", 400,
                error("Training file has 7 example(s), but must have at least 10 examples", "invalid_request_error", "training_file", "invalid_n_examples"));
        Cli.Result r = Cli.run("jobs", "create", "--base-url", api.baseUrl(), "--model", "tuna-nano", "--training-file", "file-abc");
        assertThat(r.exit()).isEqualTo(1);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("refused the request (400): Training file has 7 example(s)").contains("[training_file]");
    }

    @Test
    void aServerErrorIsRetriedThenReported() {
        api.on("GET /v1/files/file-x", 500, error("The server had an error while processing your request.", "server_error", null, null));
        Cli.Result r = Cli.run("files", "get", "file-x", "--base-url", api.baseUrl());
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("failed (500 The server had an error");
        assertThat(api.requests("GET /v1/files/file-x")).hasSize(3);
    }

    @Test
    void somethingThatIsNotAnOpenAiApiIsCalledThat() {
        api.on("GET /v1/files/file-x", 200, "{\"hello\":\"world\"}");
        Cli.Result r = Cli.run("files", "get", "file-x", "--base-url", api.baseUrl());
        assertThat(r.exit()).isEqualTo(2);
        assertOneCleanLine(r);
        assertThat(r.err()).contains("cannot read").contains("OpenAI-compatible");
    }

    @Test
    void debugAddsTheStackTrace() {
        api.on("GET /v1/files", 401, error("bad key", "invalid_request_error", null, null));
        Cli.Result r = Cli.run("files", "list", "--base-url", api.baseUrl(), "--debug");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("UnauthorizedException");
    }
}
