package dev.tuna.server.models;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.server.http.Json;
import java.nio.file.Path;

/**
 * A model the server can chat with.
 *
 * @param basePath  the Hugging Face checkpoint folder, or null for tuna-nano
 * @param fineTuned the fine-tuning run's output folder, or null for a base model
 * @param jobId     the job that made a fine-tuned model, else null
 */
public record ModelEntry(String id, long created, String ownedBy, Path basePath, Path fineTuned, String jobId) {

    public boolean isFineTuned() {
        return fineTuned != null;
    }

    /** OpenAI's {@code Model}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("object", "model");
        o.put("created", created);
        o.put("owned_by", ownedBy);
        return o;
    }
}
