package dev.tuna.server.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.server.http.Json;

/** An uploaded (or server-made) file, as the Files API shows it. */
public record StoredFile(long seq, String id, String filename, String purpose, long bytes, long createdAt,
                         Long expiresAt) {

    /** OpenAI's {@code OpenAIFile}; {@code status} is deprecated but the SDKs still require it. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("object", "file");
        o.put("bytes", bytes);
        o.put("created_at", createdAt);
        if (expiresAt != null) {
            o.put("expires_at", expiresAt);
        }
        o.put("filename", filename);
        o.put("purpose", purpose);
        o.put("status", "processed");
        return o;
    }
}
