package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * OpenAI's result file {@code step_metrics.csv}: one row per step, empty cells where a step has no validation
 * value. Built from the job's metrics events; a step run twice (after a resume) keeps its last values.
 */
final class ResultCsv {
    static final String HEADER = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy";

    private ResultCsv() {
    }

    static byte[] of(List<JobEvent> metricsEvents) {
        TreeMap<Integer, JsonNode> byStep = new TreeMap<>();
        for (JobEvent e : metricsEvents) {
            byStep.put(e.data().get("step").asInt(), e.data());
        }
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (var row : byStep.entrySet()) {
            JsonNode d = row.getValue();
            csv.append(row.getKey()).append(',').append(cell(d, "train_loss")).append(',')
                    .append(cell(d, "train_mean_token_accuracy")).append(',').append(cell(d, "valid_loss")).append(',')
                    .append(cell(d, "valid_mean_token_accuracy")).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cell(JsonNode d, String key) {
        JsonNode v = d.get(key);
        return v == null || !v.isNumber() ? "" : String.format(Locale.ROOT, "%.5f", v.asDouble());
    }
}
