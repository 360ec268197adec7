package dev.tuna.cli.client;

/**
 * A named backend in {@code config.toml}: where it is and which key to send.
 *
 * @param apiKey    the key itself (null if none)
 * @param apiKeyEnv an environment variable holding the key, so the file need not contain it (null if none)
 */
public record Profile(String name, String baseUrl, String apiKey, String apiKeyEnv) {
}
