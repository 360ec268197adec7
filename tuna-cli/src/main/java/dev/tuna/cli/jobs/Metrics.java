package dev.tuna.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One training step's numbers, read from a metrics event ({@code data.step}, {@code data.total_steps},
 * {@code data.train_loss}, {@code data.valid_loss}), or from its message ("Step 3/10: training loss=1.23") when a
 * backend sends no data.
 */
record Metrics(long step, long totalSteps, Double trainLoss, Double validLoss) {
    private static final Pattern STEP = Pattern.compile("Step (\\d+)/(\\d+)");
    private static final Pattern LOSS = Pattern.compile("training loss=([0-9.eE+-]+)");

    static Optional<Metrics> of(FineTuningJobEvent e) {
        JsonNode data = JobView.tree(e).path("data");
        if (data.path("step").isNumber() && data.path("total_steps").isNumber()) {
            return Optional.of(new Metrics(data.path("step").asLong(), data.path("total_steps").asLong(),
                    number(data, "train_loss"), number(data, "valid_loss")));
        }
        Matcher m = STEP.matcher(e.message());
        if (!m.find()) {
            return Optional.empty();
        }
        Matcher loss = LOSS.matcher(e.message());
        return Optional.of(new Metrics(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                loss.find() ? Double.valueOf(loss.group(1)) : null, null));
    }

    private static Double number(JsonNode data, String key) {
        JsonNode v = data.path(key);
        return v.isNumber() ? v.asDouble() : null;
    }

    /** {@code loss 1.2346} or {@code loss 1.2346 (valid 1.5000)}. */
    String lossText() {
        if (trainLoss == null) {
            return "";
        }
        return String.format("loss %.4f", trainLoss) + (validLoss == null ? "" : String.format(" (valid %.4f)", validLoss));
    }
}
