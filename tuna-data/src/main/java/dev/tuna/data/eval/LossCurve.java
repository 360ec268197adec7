package dev.tuna.data.eval;

import dev.tuna.data.TunaException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fine-tuning job's loss over its steps, from the {@code step_metrics.csv} result file (OpenAI's columns: step,
 * train_loss, train_accuracy, valid_loss, valid_mean_token_accuracy; only step and train_loss are required).
 *
 * @param model the fine-tuned model
 * @param jobId the job that produced it
 * @param points in step order
 */
public record LossCurve(String model, String jobId, List<Point> points) {
    public LossCurve {
        points = List.copyOf(points);
    }

    /** One step; {@code validLoss} is null where the job did not measure it. */
    public record Point(int step, double trainLoss, Double validLoss) {
    }

    /** Parses a {@code step_metrics.csv}; {@code source} names it in errors. */
    public static List<Point> parseStepMetrics(String csv, String source) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new TunaException(source + ": empty step metrics", TunaException.INVALID_INPUT, null);
        }
        List<String> header = Arrays.stream(lines.getFirst().split(",", -1)).map(String::strip).toList();
        int step = header.indexOf("step");
        int train = header.indexOf("train_loss");
        int valid = header.indexOf("valid_loss");
        if (step < 0 || train < 0) {
            throw new TunaException(source + ": not a step_metrics.csv: the header needs step and train_loss, found "
                    + lines.getFirst(), TunaException.INVALID_INPUT, null);
        }
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            try {
                Double v = valid >= 0 && valid < cells.length && !cells[valid].isBlank()
                        ? Double.valueOf(cells[valid].strip()) : null;
                points.add(new Point(Integer.parseInt(cells[step].strip()), Double.parseDouble(cells[train].strip()), v));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new TunaException(source + ": line " + (i + 1) + ": not a number where step and train_loss"
                        + " should be: " + lines.get(i), TunaException.INVALID_INPUT, e);
            }
        }
        return points;
    }
}
