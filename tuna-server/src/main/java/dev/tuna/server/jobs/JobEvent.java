package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.server.http.Json;

/** One line of a job's event trail; {@code type} is "message" or "metrics" (then {@code data} holds the step). */
public record JobEvent(long seq, String id, String jobId, long createdAt, String level, String message, String type,
                       JsonNode data) {

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("object", "fine_tuning.job.event");
        o.put("id", id);
        o.put("created_at", createdAt);
        o.put("level", level);
        o.put("message", message);
        o.put("type", type);
        o.set("data", data == null || data.isNull() ? Json.object() : data.deepCopy());
        return o;
    }
}
