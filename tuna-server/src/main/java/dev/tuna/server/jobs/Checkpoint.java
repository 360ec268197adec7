package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.server.http.Json;

/** A checkpoint the trainer wrote during a job ({@code name} = the model's name + {@code :ckpt-step-N}). */
public record Checkpoint(long seq, String id, String jobId, long createdAt, int step, String name, JsonNode metrics) {

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("object", "fine_tuning.job.checkpoint");
        o.put("id", id);
        o.put("created_at", createdAt);
        o.put("fine_tuned_model_checkpoint", name);
        o.put("fine_tuning_job_id", jobId);
        o.put("step_number", step);
        o.set("metrics", metrics.deepCopy());
        return o;
    }
}
