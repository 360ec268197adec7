package dev.tuna.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.generate.GenerationParams;
import dev.tuna.server.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A checked {@code CreateChatCompletionRequest}. Fields the engine has no use for are ignored, as OpenAI ignores
 * unknown ones; features it cannot honour (tools, log-probabilities, images, audio, structured output) are a 400
 * that says so, rather than an answer that silently lacks them.
 */
record ChatRequest(String model, List<Turn> messages, GenerationParams params, boolean stream,
                   boolean includeUsage) {

    static ChatRequest parse(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw ApiException.badRequest("Missing required parameter: 'model'.", "model");
        }
        rejectUnsupported(body);
        List<Turn> messages = messages(body.get("messages"));
        double temperature = number(body, "temperature", 1.0, 0, 2);
        double topP = number(body, "top_p", 1.0, 0, 1);
        int n = (int) integer(body, "n", 1, 1, 128);
        Long seed = body.hasNonNull("seed") ? integer(body, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
        Integer maxTokens = null;
        for (String name : List.of("max_tokens", "max_completion_tokens")) {
            if (body.hasNonNull(name)) {
                maxTokens = (int) integer(body, name, 0, 1, Integer.MAX_VALUE);
            }
        }
        List<String> stop = stop(body.get("stop"));
        boolean stream = bool(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean includeUsage = options != null && options.isObject() && options.path("include_usage").asBoolean(false);
        // top_p 0 means "only the most likely token"; the sampler wants a mass above 0, and any tiny one does that.
        GenerationParams params = new GenerationParams(maxTokens, temperature, Math.max(topP, 1e-9), seed, stop, n);
        return new ChatRequest(model.asText(), messages, params, stream, includeUsage);
    }

    private static void rejectUnsupported(ObjectNode body) {
        if (nonEmpty(body.get("tools")) || nonEmpty(body.get("functions"))) {
            throw unsupported("tools", "Tool and function calling are not supported by the local server; send the "
                    + "request without 'tools'.");
        }
        JsonNode toolChoice = body.get("tool_choice");
        if (toolChoice != null && !toolChoice.isNull() && !"none".equals(toolChoice.asText())) {
            throw unsupported("tool_choice", "'tool_choice' needs tools, which the local server does not support.");
        }
        if (body.path("logprobs").asBoolean(false) || body.hasNonNull("top_logprobs")) {
            throw unsupported(body.path("logprobs").asBoolean(false) ? "logprobs" : "top_logprobs",
                    "Log probabilities are not supported by the local server; drop 'logprobs' and 'top_logprobs'.");
        }
        if (body.hasNonNull("audio") || textValues(body.get("modalities")).contains("audio")) {
            throw unsupported("modalities", "Audio output is not supported by the local server.");
        }
        JsonNode format = body.get("response_format");
        if (format != null && !format.isNull() && !"text".equals(format.path("type").asText())) {
            throw unsupported("response_format", "Only the 'text' response format is supported by the local server; "
                    + "JSON mode and structured outputs are not.");
        }
        if (nonEmpty(body.get("logit_bias"))) {
            throw unsupported("logit_bias", "'logit_bias' is not supported by the local server.");
        }
    }

    private static List<Turn> messages(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiException.badRequest("'messages' must be a non-empty array of messages.", "messages");
        }
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String param = "messages[" + i + "]";
            if (!m.isObject()) {
                throw ApiException.badRequest("Invalid '" + param + "': expected an object.", param);
            }
            String role = m.path("role").asText("");
            switch (role) {
                case "system", "developer", "user", "assistant" -> { }
                case "tool", "function" -> throw unsupported(param + ".role", "Messages with role '" + role
                        + "' answer tool calls, which the local server does not support.");
                default -> throw ApiException.badRequest("Invalid '" + param + ".role': '" + role + "'. Use system, "
                        + "developer, user or assistant.", param + ".role");
            }
            if (m.hasNonNull("tool_calls") || m.hasNonNull("function_call")) {
                throw unsupported(param + ".tool_calls", "Assistant tool calls are not supported by the local server.");
            }
            String content = content(m.get("content"), param + ".content");
            turns.add(new Turn(role.equals("developer") ? "system" : role, content, false));
        }
        return turns;
    }

    /** A string, or an array of {@code {"type":"text","text":...}} parts (joined); images and audio are refused. */
    private static String content(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            throw ApiException.badRequest("Missing '" + param + "'.", param);
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw ApiException.badRequest("Invalid '" + param + "': expected a string or an array of text parts.",
                    param);
        }
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < content.size(); j++) {
            JsonNode part = content.get(j);
            String type = part.path("type").asText("");
            if (type.equals("text")) {
                text.append(part.path("text").asText(""));
            } else if (type.equals("image_url") || type.equals("input_audio") || type.equals("file")) {
                throw unsupported(param + "[" + j + "]", "Content parts of type '" + type + "' (images, audio, "
                        + "files) are not supported by the local server; send text only.");
            } else {
                throw ApiException.badRequest("Invalid '" + param + "[" + j + "].type': '" + type + "'.",
                        param + "[" + j + "].type");
            }
        }
        return text.toString();
    }

    private static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (!stop.isArray() || stop.size() > 4) {
            throw ApiException.badRequest("Invalid 'stop': expected a string or an array of up to 4 strings.", "stop");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw ApiException.badRequest("Invalid 'stop': every stop sequence must be a string.", "stop");
            }
            out.add(s.asText());
        }
        return out;
    }

    private static double number(ObjectNode body, String name, double dflt, double min, double max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw ApiException.badRequest("Invalid '" + name + "': expected a number from " + min + " to " + max
                    + ", got " + v + ".", name);
        }
        return v.asDouble();
    }

    private static long integer(ObjectNode body, String name, long dflt, long min, long max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw ApiException.badRequest("Invalid '" + name + "': expected an integer"
                    + (min == Long.MIN_VALUE ? "" : " of at least " + min) + (max >= Integer.MAX_VALUE ? "" : " and at most " + max)
                    + ", got " + v + ".", name);
        }
        return v.asLong();
    }

    private static boolean bool(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("Invalid '" + name + "': expected true or false.", name);
        }
        return v.asBoolean();
    }

    private static boolean nonEmpty(JsonNode v) {
        return v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty());
    }

    private static List<String> textValues(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v != null && v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    private static ApiException unsupported(String param, String message) {
        return ApiException.badRequest(message, param, "unsupported_parameter");
    }
}
