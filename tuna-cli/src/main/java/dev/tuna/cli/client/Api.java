package dev.tuna.cli.client;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.Timeout;
import java.time.Duration;

/**
 * An open connection to a backend: the official OpenAI client, with its retries (2, on 408/409/429/5xx and
 * connection errors, honouring Retry-After), pagination and streaming, pointed at {@link #backend()}.
 */
public final class Api implements AutoCloseable {
    /** The SDK's default; the local server trains on CPU, so a chat answer may well take minutes. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private static final String NO_KEY = "tuna-no-key";

    private final Backend backend;
    private final OpenAIClient client;

    private Api(Backend backend, OpenAIClient client) {
        this.backend = backend;
        this.client = client;
    }

    public static Api open(Backend backend) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .baseUrl(backend.baseUrl())
                .maxRetries(2)
                .timeout(Timeout.builder().connect(Duration.ofSeconds(5)).request(REQUEST_TIMEOUT).read(REQUEST_TIMEOUT).build());
        if (backend.apiKey() != null) {
            builder.apiKey(backend.apiKey());
        } else {
            // No key: the keyless local server wants no Authorization header, but the SDK will not send a request
            // without a key, so it gets a placeholder that never leaves this process.
            builder.apiKey(NO_KEY).addInterceptor(chain -> chain.proceed(
                    chain.request().newBuilder().removeHeader("Authorization").build()));
        }
        return new Api(backend, builder.build());
    }

    public Backend backend() {
        return backend;
    }

    public OpenAIClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
