package dev.tuna.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The resolved hyperparameters of a run and the schedule derived from them. "auto" values are picked here:
 * <ul>
 *   <li>epochs: OpenAI's published rule (3 epochs, raised so small sets see about 100 examples, lowered so big
 *       sets stay near 25,000, within 1..25); tuna-nano, learning from scratch, aims at ~{@value #NANO_EXAMPLE_PASSES}
 *       example passes instead (at most 50 epochs), enough to memorise its training answers;</li>
 *   <li>batch size: about 0.2% of the examples (OpenAI's documented behaviour), between 1 and 256; nano uses
 *       mini-batches of up to 4 for steadier steps;</li>
 *   <li>learning-rate multiplier: √batch size (Adam's square-root scaling), at most 4.</li>
 * </ul>
 */
public record TrainingPlan(TrainingMethod method, int examples, int epochs, int batchSize,
                           double learningRateMultiplier, LearningRateSchedule schedule, double weightDecay,
                           double maxGradNorm, List<String> choices) {
    static final int TARGET_EPOCHS = 3;
    static final int MIN_TARGET_EXAMPLES = 100;
    static final int MAX_TARGET_EXAMPLES = 25_000;
    static final int MIN_DEFAULT_EPOCHS = 1;
    static final int MAX_DEFAULT_EPOCHS = 25;
    // Measured on KorQuAD closed-template pairs (batch 4, default rate): 50 pairs were answered 49/50 exactly after
    // 3,000 example passes, while 110 pairs after 4,400 passes got 3/110; about 3,500 passes memorise up to ~80 pairs.
    static final int NANO_EXAMPLE_PASSES = 3_500;
    static final int MAX_EPOCHS = 50;

    public TrainingPlan {
        choices = List.copyOf(choices);
    }

    public static TrainingPlan resolve(Hyperparameters h, int examples, TrainingMethod method) {
        if (examples < 1) {
            throw new IllegalArgumentException("no training examples");
        }
        List<String> choices = new ArrayList<>();
        int epochs;
        if (h != null && h.epochs() != null) {
            epochs = h.epochs();
        } else {
            epochs = method == TrainingMethod.NANO_FROM_SCRATCH ? nanoEpochs(examples) : openAiEpochs(examples);
            choices.add("n_epochs auto: " + epochs + " for " + examples + " examples");
        }
        int batch;
        if (h != null && h.batchSize() != null) {
            batch = h.batchSize();
        } else {
            batch = (int) Math.clamp(Math.round(examples * 0.002), 1, 256);
            if (method == TrainingMethod.NANO_FROM_SCRATCH) {
                batch = Math.clamp(examples / 5, 1, 4);
            }
            choices.add("batch_size auto: " + batch);
        }
        batch = Math.min(batch, examples);
        double multiplier;
        if (h != null && h.learningRateMultiplier() != null) {
            multiplier = h.learningRateMultiplier();
        } else {
            multiplier = Math.min(4.0, Math.sqrt(batch));
            choices.add("learning_rate_multiplier auto: " + round(multiplier));
        }
        if (epochs < 1 || batch < 1 || !(multiplier > 0)) {
            throw new IllegalArgumentException("n_epochs and batch_size must be at least 1 and"
                    + " learning_rate_multiplier above 0");
        }
        int stepsPerEpoch = Math.ceilDiv(examples, batch);
        int total = stepsPerEpoch * epochs;
        int warmup = Math.clamp(Math.round(total * 0.05), 1, 100);
        double peak = method.baseLearningRate() * multiplier;
        return new TrainingPlan(method, examples, epochs, batch, multiplier,
                new LearningRateSchedule(peak, (int) Math.min(warmup, total), total, 0.1), method.weightDecay(), 1.0,
                choices);
    }

    /** OpenAI's default n_epochs rule (fine-tuning guide / cookbook). */
    static int openAiEpochs(int n) {
        long target = (long) n * TARGET_EPOCHS;
        if (target < MIN_TARGET_EXAMPLES) {
            return Math.min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES / n);
        }
        if (target > MAX_TARGET_EXAMPLES) {
            return Math.max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES / n);
        }
        return TARGET_EPOCHS;
    }

    static int nanoEpochs(int n) {
        return Math.clamp(Math.ceilDiv(NANO_EXAMPLE_PASSES, n), openAiEpochs(n), MAX_EPOCHS);
    }

    public int stepsPerEpoch() {
        return Math.ceilDiv(examples, batchSize);
    }

    public int totalSteps() {
        return schedule.totalSteps();
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
