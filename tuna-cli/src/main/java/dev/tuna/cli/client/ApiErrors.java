package dev.tuna.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.ObjectMappers;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.errors.UnprocessableEntityException;
import dev.tuna.data.TunaException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Turns what the OpenAI SDK throws into one line a person can act on. A request the backend judged bad (400, 422)
 * exits 1; everything else (keys, unknown models, rate limits, an unreachable backend) exits 2.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static TunaException explain(OpenAIException e, Backend backend) {
        String at = backend.baseUrl();
        if (e instanceof OpenAIServiceException s) {
            String msg = serverMessage(s);
            int status = s.statusCode();
            String code = s.code().orElse("");
            if (s instanceof UnauthorizedException) {
                String fix = backend.apiKey() == null
                        ? "it needs an API key: pass --api-key, set TUNA_API_KEY or OPENAI_API_KEY, or use a profile with api_key"
                        : "check the key (--api-key, the profile's api_key, TUNA_API_KEY or OPENAI_API_KEY)";
                return usage(at + " rejected the request (401 " + msg + "); " + fix, e);
            }
            if (s instanceof PermissionDeniedException) {
                return usage(at + " refused access (403 " + msg + ")", e);
            }
            if (s instanceof NotFoundException) {
                if (code.equals("model_not_found") || msg.toLowerCase(Locale.ROOT).contains("model")) {
                    return usage("unknown model at " + at + ": " + msg + " ('tuna models list' shows the models there)", e);
                }
                return usage("not found at " + at + ": " + msg, e);
            }
            if (s instanceof RateLimitException) {
                if (code.equals("insufficient_quota") || s.type().orElse("").equals("insufficient_quota")) {
                    return usage("quota exhausted at " + at + " (429 " + msg + "); check the account's plan and billing", e);
                }
                return usage("rate limited by " + at + " (429 " + msg + "), still after the client's retries; wait a"
                        + " moment and try again", e);
            }
            if (s instanceof BadRequestException || s instanceof UnprocessableEntityException) {
                String param = s.param().map(p -> " [" + p + "]").orElse("");
                return new TunaException(at + " refused the request (" + status + "): " + msg + param,
                        TunaException.INVALID_INPUT, e);
            }
            if (s instanceof InternalServerException) {
                return usage(at + " failed (" + status + " " + msg + "), still after the client's retries", e);
            }
            return usage(at + " answered HTTP " + status + ": " + msg, e);
        }
        if (e instanceof OpenAIIoException) {
            String hint = backend.isLoopback()
                    ? "is the server running? 'tuna serve' starts the local one"
                    : "check the network and the URL (from " + backend.source() + ")";
            return usage("cannot reach " + at + " (" + networkCause(e) + "); " + hint, e);
        }
        if (e instanceof SseException) {
            return usage("the stream from " + at + " reported an error: " + oneLine(e.getMessage()), e);
        }
        if (e instanceof OpenAIInvalidDataException) {
            return usage(at + " sent an answer the OpenAI client cannot read (" + oneLine(e.getMessage())
                    + "); is it an OpenAI-compatible /v1 endpoint?", e);
        }
        return usage("talking to " + at + " failed: " + oneLine(e.getMessage()), e);
    }

    /** The {@code error.message} of an OpenAI-shaped error body, else the SDK's own message. */
    static String serverMessage(OpenAIServiceException s) {
        try {
            JsonNode body = ObjectMappers.jsonMapper().valueToTree(s.body());
            // The SDK hands over either the whole body or just its "error" object.
            JsonNode message = body.has("error") ? body.path("error").path("message") : body.path("message");
            if (message.isTextual() && !message.asText().isBlank()) {
                return oneLine(message.asText());
            }
        } catch (IllegalArgumentException ignored) {
            // not JSON: fall through to the SDK's message
        }
        return oneLine(s.getMessage());
    }

    private static String networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException u) {
                return "unknown host " + u.getMessage();
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return oneLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    private static TunaException usage(String message, Throwable cause) {
        return new TunaException(message, TunaException.USAGE_OR_IO, cause);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
