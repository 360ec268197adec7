package dev.tuna.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** JSON in and out of handlers: one mapper, bodies read as trees so that field errors name the field. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The request body as a JSON object; 400 when it is not one. */
    public static ObjectNode body(Context ctx) {
        JsonNode node;
        try (InputStream in = ctx.bodyInputStream()) {
            node = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("We could not parse the JSON body of your request. (HINT: This likely means "
                    + "you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what "
                    + "was sent was not valid JSON.) Detail: " + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("The request body is empty; send a JSON object.", null);
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object, got " + node.getNodeType()
                    .toString().toLowerCase() + ".", null);
        }
        return (ObjectNode) node;
    }

    /** Sends {@code value} as the JSON response with the given status. */
    public static void send(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON response", e);
        }
    }

    public static void send(Context ctx, Object value) {
        send(ctx, 200, value);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public static JsonNode read(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in the store: " + e.getOriginalMessage(), e);
        }
    }

    /** The error body OpenAI's SDKs read: all four keys, {@code param} and {@code code} possibly null. */
    public static ObjectNode error(String message, String type, String param, String code) {
        ObjectNode error = object();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode body = object();
        body.set("error", error);
        return body;
    }
}
