package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.server.http.Json;

/**
 * A fine-tuning job as stored.
 *
 * @param hyperparameters {@code {batch_size, learning_rate_multiplier, n_epochs}}, each "auto" or a number; the
 *                        numbers the trainer picked replace "auto" once it has run
 * @param metadata        the client's key/value pairs, or null
 * @param resultFiles     JSON array of file ids
 */
public record Job(long seq, String id, String model, String trainingFile, String validationFile, String suffix,
                  long seed, String status, long createdAt, Long finishedAt, Long estimatedFinish,
                  String fineTunedModel, Long trainedTokens, String errorCode, String errorMessage, String errorParam,
                  JsonNode hyperparameters, JsonNode metadata, JsonNode resultFiles) {

    public static final String ORGANIZATION = "org-local";

    /** OpenAI's {@code FineTuningJob}, with every field the SDKs require. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("object", "fine_tuning.job");
        o.put("id", id);
        o.put("model", model);
        o.put("created_at", createdAt);
        if (errorCode != null) {
            ObjectNode e = o.putObject("error");
            e.put("code", errorCode);
            e.put("message", errorMessage);
            e.put("param", errorParam);
        } else {
            o.putNull("error");
        }
        o.put("fine_tuned_model", fineTunedModel);
        o.put("finished_at", finishedAt);
        o.set("hyperparameters", hyperparameters.deepCopy());
        o.put("organization_id", ORGANIZATION);
        o.set("result_files", resultFiles.deepCopy());
        o.put("status", status);
        o.put("trained_tokens", trainedTokens);
        o.put("training_file", trainingFile);
        o.put("validation_file", validationFile);
        o.putArray("integrations");
        o.put("seed", seed);
        o.put("estimated_finish", estimatedFinish);
        ObjectNode method = o.putObject("method");
        method.put("type", "supervised");
        method.putObject("supervised").set("hyperparameters", hyperparameters.deepCopy());
        if (metadata == null || metadata.isNull()) {
            o.putNull("metadata");
        } else {
            o.set("metadata", metadata.deepCopy());
        }
        o.put("user_provided_suffix", suffix);
        return o;
    }
}
