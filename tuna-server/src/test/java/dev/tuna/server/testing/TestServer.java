package dev.tuna.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.core.ClientOptions;
import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import dev.tuna.server.engine.ModelProvider;
import dev.tuna.server.engine.Trainer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * A real server on a free loopback port, an OpenAI SDK client whose every response is checked against the spec,
 * and a plain HTTP client for what the SDK cannot send (bad bodies, bad keys).
 */
public final class TestServer implements AutoCloseable {
    public final TunaServer server;
    public final Path dataDir;
    public final ResponseSchemas schemas = new ResponseSchemas();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(TunaServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static TestServer start(Path dataDir, Trainer trainer, ModelProvider models) throws IOException {
        return start(dataDir, trainer, models, c -> c);
    }

    public static TestServer start(Path dataDir, Trainer trainer, ModelProvider models,
                                   UnaryOperator<ServerConfig> adjust) throws IOException {
        OpenApiSchemas.get(); // load the spec now, not in the middle of a timing-sensitive test
        ServerConfig config = adjust.apply(ServerConfig.of(dataDir, dataDir.resolve("models")).withPort(0));
        return new TestServer(TunaServer.start(config, trainer, models), dataDir);
    }

    /** An SDK client without retries, validating required fields eagerly, checking each response's schema. */
    public OpenAIClient client(String apiKey) {
        return client(apiKey, true);
    }

    /** A client that does not validate eagerly, as the SDK's default: it reads statuses its enum lacks. */
    public OpenAIClient lenientClient() {
        return client("sk-local-test", false);
    }

    private OpenAIClient client(String apiKey, boolean validate) {
        OkHttpClient okHttp = OkHttpClient.builder()
                .timeout(Duration.ofSeconds(60))
                .addInterceptor(new SchemaCheckingInterceptor(schemas))
                .build();
        return new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(okHttp)
                .baseUrl(server.baseUrl().toString())
                .apiKey(apiKey)
                .maxRetries(0)
                .responseValidation(validate)
                .build());
    }

    public OpenAIClient client() {
        return client("sk-local-test");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Sends a request; a JSON answer is checked against the spec like the SDK's. */
    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        schemas.check(r.method(), r.uri().getRawPath(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
        return response;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Fails the test if any response broke the spec. */
    public void assertAllResponsesMatchSpec() {
        assertThat(schemas.violations()).isEmpty();
    }

    @Override
    public void close() {
        server.stop();
    }
}
