package dev.tuna.server.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Which schema of {@code openapi.yaml} a response of each endpoint must follow, and a record of every response
 * checked and every violation, for tests to assert on at the end.
 */
public final class ResponseSchemas {
    private record Rule(String method, Pattern path, String schema) {
    }

    private static final String ID = "[^/]+";
    private static final List<Rule> RULES = List.of(
            new Rule("POST", Pattern.compile("/v1/files"), "OpenAIFile"),
            new Rule("GET", Pattern.compile("/v1/files"), "ListFilesResponse"),
            new Rule("GET", Pattern.compile("/v1/files/" + ID), "OpenAIFile"),
            new Rule("DELETE", Pattern.compile("/v1/files/" + ID), "DeleteFileResponse"),
            new Rule("POST", Pattern.compile("/v1/fine_tuning/jobs"), "FineTuningJob"),
            new Rule("GET", Pattern.compile("/v1/fine_tuning/jobs"), "ListPaginatedFineTuningJobsResponse"),
            new Rule("GET", Pattern.compile("/v1/fine_tuning/jobs/" + ID), "FineTuningJob"),
            new Rule("POST", Pattern.compile("/v1/fine_tuning/jobs/" + ID + "/(cancel|pause|resume)"), "FineTuningJob"),
            new Rule("GET", Pattern.compile("/v1/fine_tuning/jobs/" + ID + "/events"), "ListFineTuningJobEventsResponse"),
            new Rule("GET", Pattern.compile("/v1/fine_tuning/jobs/" + ID + "/checkpoints"),
                    "ListFineTuningJobCheckpointsResponse"),
            new Rule("POST", Pattern.compile("/v1/chat/completions"), "CreateChatCompletionResponse"),
            new Rule("GET", Pattern.compile("/v1/models"), "ListModelsResponse"),
            new Rule("GET", Pattern.compile("/v1/models/" + ID), "Model"),
            new Rule("DELETE", Pattern.compile("/v1/models/" + ID), "DeleteModelResponse"));

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger checked = new AtomicInteger();

    /** The schema for a JSON response, or null for endpoints that answer raw bytes (file content). */
    public static String schemaFor(String method, String path, int status) {
        if (status >= 400) {
            return "ErrorResponse";
        }
        for (Rule r : RULES) {
            if (r.method.equals(method) && r.path.matcher(path).matches()) {
                return r.schema;
            }
        }
        return null;
    }

    /** Checks one response body; {@code contentType} tells JSON from server-sent events. */
    public void check(String method, String path, int status, String contentType, String body) {
        String schema = schemaFor(method, path, status);
        if (schema == null) {
            return;
        }
        if (contentType != null && contentType.startsWith("text/event-stream")) {
            for (String line : body.split("\n")) {
                if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                    record(method, path, "CreateChatCompletionStreamResponse", line.substring(6));
                }
            }
            return;
        }
        record(method, path, schema, body);
    }

    private void record(String method, String path, String schema, String json) {
        checked.incrementAndGet();
        List<String> errors = OpenApiSchemas.get().errors(schema, json);
        if (!errors.isEmpty()) {
            violations.add(method + " " + path + " does not match " + schema + ": " + errors + "\n  body: "
                    + (json.length() > 2000 ? json.substring(0, 2000) + "…" : json));
        }
    }

    public List<String> violations() {
        return new ArrayList<>(violations);
    }

    public int checked() {
        return checked.get();
    }
}
