package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuna.engine.chat.Turn;
import dev.tuna.server.http.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a chat fine-tuning JSONL file into conversations for the trainer, checking each line the way OpenAI's
 * data-preparation rules do (a {@code messages} list of role/content objects with at least one assistant reply;
 * {@code weight} 0 or 1). Tool and function messages cannot be trained locally and are reported as errors.
 */
final class TrainingExamples {
    static final int MIN_EXAMPLES = 10;
    private static final int MAX_REPORTED = 5;
    private static final Set<String> KEYS = Set.of("role", "content", "name", "weight", "function_call", "tool_calls");

    record Result(List<List<Turn>> examples, List<String> errors) {
    }

    private TrainingExamples() {
    }

    static Result read(Path file) throws IOException {
        List<List<Turn>> examples = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String error = parse(line, examples);
                if (error != null) {
                    errors.add("line " + n + ": " + error);
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            errors.add("the file is not UTF-8 text");
        }
        return new Result(examples, errors);
    }

    private static String parse(String line, List<List<Turn>> out) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(line);
        } catch (IOException e) {
            return "not valid JSON";
        }
        if (root == null || !root.isObject()) {
            return "each line must be a JSON object";
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return "missing the 'messages' list (or it is empty)";
        }
        List<Turn> turns = new ArrayList<>();
        boolean assistant = false;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            if (!m.isObject() || !m.has("role")) {
                return "messages[" + i + "] lacks a 'role'";
            }
            for (var it = m.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!KEYS.contains(key)) {
                    return "messages[" + i + "] has the unrecognised key '" + key + "'";
                }
            }
            String role = m.get("role").asText();
            if (!Set.of("system", "user", "assistant").contains(role)) {
                return "messages[" + i + "] has the role '" + role + "'; local training supports system, user and "
                        + "assistant messages";
            }
            if (m.has("tool_calls") || m.has("function_call")) {
                return "messages[" + i + "] calls a tool or function, which local training does not support";
            }
            JsonNode content = m.get("content");
            if (content == null || !content.isTextual() || content.asText().isEmpty()) {
                return "messages[" + i + "] needs a non-empty string 'content'";
            }
            boolean learn = false;
            if (role.equals("assistant")) {
                assistant = true;
                JsonNode weight = m.get("weight");
                if (weight != null && !(weight.isInt() && (weight.asInt() == 0 || weight.asInt() == 1))) {
                    return "messages[" + i + "] has a 'weight' other than 0 or 1";
                }
                learn = weight == null || weight.asInt() == 1;
            } else if (m.has("weight")) {
                return "messages[" + i + "] has a 'weight', which only assistant messages may have";
            }
            turns.add(new Turn(role, content.asText(), learn));
        }
        if (!assistant) {
            return "the example has no assistant message";
        }
        out.add(turns);
        return null;
    }

    /** The first errors, for the job's error message. */
    static String summary(List<String> errors) {
        String shown = String.join("; ", errors.subList(0, Math.min(MAX_REPORTED, errors.size())));
        return errors.size() > MAX_REPORTED ? shown + "; and " + (errors.size() - MAX_REPORTED) + " more" : shown;
    }
}
