package dev.tuna.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run the server.
 *
 * @param host           the address to bind; loopback by default
 * @param port           0 picks a free port (see {@link TunaServer#port()})
 * @param dataDir        holds {@code tuna.db}, {@code files/} and {@code jobs/}
 * @param modelsDir      Hugging Face checkpoint folders offered as base models
 * @param apiKey         when set, every {@code /v1} call needs {@code Authorization: Bearer <apiKey>}
 * @param maxUploadBytes the largest file {@code POST /v1/files} accepts (OpenAI: 512 MB)
 * @param chatConcurrency chat generations that run at once
 * @param chatQueueWait  how long a chat request waits for a free generation slot before it gets a 429
 */
public record ServerConfig(String host, int port, Path dataDir, Path modelsDir, String apiKey, long maxUploadBytes,
                           int chatConcurrency, Duration chatQueueWait) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8321;
    public static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (maxUploadBytes < 1 || chatConcurrency < 1 || chatQueueWait.isNegative()) {
            throw new IllegalArgumentException("maxUploadBytes and chatConcurrency must be positive, chatQueueWait "
                    + "not negative");
        }
    }

    /** Defaults for everything but the folders: 127.0.0.1:8321, no key, 512 MB uploads, a minute's chat queue. */
    public static ServerConfig of(Path dataDir, Path modelsDir) {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, dataDir, modelsDir, null, MAX_UPLOAD_BYTES,
                Math.max(2, Runtime.getRuntime().availableProcessors()), Duration.ofSeconds(60));
    }

    public ServerConfig withHost(String h) {
        return new ServerConfig(h, port, dataDir, modelsDir, apiKey, maxUploadBytes, chatConcurrency, chatQueueWait);
    }

    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, dataDir, modelsDir, apiKey, maxUploadBytes, chatConcurrency, chatQueueWait);
    }

    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, dataDir, modelsDir, key, maxUploadBytes, chatConcurrency, chatQueueWait);
    }

    public ServerConfig withMaxUploadBytes(long max) {
        return new ServerConfig(host, port, dataDir, modelsDir, apiKey, max, chatConcurrency, chatQueueWait);
    }

    public ServerConfig withChatQueueWait(Duration wait) {
        return new ServerConfig(host, port, dataDir, modelsDir, apiKey, maxUploadBytes, chatConcurrency, wait);
    }

    public ServerConfig withChatConcurrency(int n) {
        return new ServerConfig(host, port, dataDir, modelsDir, apiKey, maxUploadBytes, n, chatQueueWait);
    }
}
