package dev.tuna.server.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Bearer-key check for {@code /v1}. Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, which
 * takes the same time wherever the first difference is and hides the key's length.
 */
public final class ApiKeyAuth {
    private final byte[] expected;

    /** {@code apiKey} null or blank: no key needed. */
    public ApiKeyAuth(String apiKey) {
        this.expected = apiKey == null || apiKey.isBlank() ? null : digest(apiKey);
    }

    public boolean required() {
        return expected != null;
    }

    public void check(Context ctx) {
        if (expected == null) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiException(401, "invalid_request_error",
                    "You didn't provide an API key. You need to provide your API key in an Authorization header using "
                            + "Bearer auth (i.e. Authorization: Bearer YOUR_KEY). This server was started with "
                            + "--api-key (or TUNA_API_KEY).", null, "missing_api_key");
        }
        String given = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
        if (!MessageDigest.isEqual(expected, digest(given))) {
            throw new ApiException(401, "invalid_request_error",
                    "Incorrect API key provided. Use the key this server was started with (--api-key or TUNA_API_KEY).",
                    null, "invalid_api_key");
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
