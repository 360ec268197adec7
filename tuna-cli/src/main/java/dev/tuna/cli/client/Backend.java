package dev.tuna.cli.client;

import java.net.URI;
import java.util.Locale;

/**
 * The API the CLI talks to, as resolved from flags, a profile, the environment or the local default.
 *
 * @param baseUrl ends in {@code /v1} (no trailing slash), e.g. {@code http://127.0.0.1:8321/v1}
 * @param apiKey  null when none was given (the local server needs none unless started with --api-key)
 * @param source  where the base URL came from, for messages: "--base-url", "profile 'openai'", "TUNA_BASE_URL", ...
 */
public record Backend(String baseUrl, String apiKey, String source) {
    public static final String LOCAL_DEFAULT_URL = "http://127.0.0.1:8321/v1";
    public static final String OPENAI_URL = "https://api.openai.com/v1";
    /** Source name of the built-in default, when nothing else chose the backend. */
    public static final String DEFAULT_SOURCE = "the local default";

    public Backend {
        baseUrl = stripTrailingSlash(baseUrl);
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** The local server at its default address (however chosen): the one backend started when nothing answers. */
    public boolean isLocalDefault() {
        return LOCAL_DEFAULT_URL.equals(baseUrl);
    }

    /** A server on this machine (loopback): its answers are reproducible with a seed, and no key is needed. */
    public boolean isLoopback() {
        String host = host();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** OpenAI itself, which needs a key. */
    public boolean isOpenAi() {
        return host().equals("api.openai.com");
    }

    public String host() {
        try {
            String h = URI.create(baseUrl).getHost();
            return h == null ? "" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String stripTrailingSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
