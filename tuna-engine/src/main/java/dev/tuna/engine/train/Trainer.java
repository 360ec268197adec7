package dev.tuna.engine.train;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.EncodedConversation;
import dev.tuna.engine.model.Parameter;
import dev.tuna.engine.model.SequenceLoss;
import dev.tuna.engine.model.TrainableModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The training loop over a {@link TrainableModel}: per epoch a seeded shuffle, batches of {@code batchSize}
 * conversations whose gradients accumulate with {@code gradScale = 1 / (target weight of the whole batch)} (so the
 * step equals one large batch, however the batch is split), global-norm clipping, AdamW on the warm-up + cosine
 * schedule, metrics per step, validation now and then, and checkpoints that resume bit for bit.
 */
public final class Trainer {
    /** A checkpoint at least this often (besides epoch ends), so a killed long run loses little. */
    private static final long CHECKPOINT_INTERVAL_NANOS = 15L * 60 * 1_000_000_000L;
    /** Epoch-end checkpoints per run at most (long runs of small models would otherwise spend their time on I/O). */
    private static final int PERIODIC_CHECKPOINTS = 5;
    /** Conversations per validation during training (at least; a batch if larger), taken in turn from the set. */
    private static final int VALIDATION_SAMPLE = 16;
    /** Conversations of the final validation, which reports the loss on (up to) the whole set. */
    private static final int FINAL_VALIDATION = 256;

    private final TrainableModel model;
    private final TrainingPlan plan;
    private final List<EncodedConversation> training;
    private final List<EncodedConversation> validation;
    private final long seed;
    private final Path workDir;
    private final Consumer<Path> modelFiles;
    private final String runKey;
    private final List<Parameter> parameters;
    private final AdamW optimizer;

    /**
     * @param modelFiles writes the model in its output format into a folder (each checkpoint gets a copy)
     * @param runKey     identifies data + plan + model; a checkpoint with another key is not resumed
     */
    public Trainer(TrainableModel model, TrainingPlan plan, List<EncodedConversation> training,
                   List<EncodedConversation> validation, long seed, Path workDir, Consumer<Path> modelFiles,
                   String runKey) {
        if (training.size() != plan.examples()) {
            throw new IllegalArgumentException("the plan is for " + plan.examples() + " examples, got "
                    + training.size());
        }
        this.model = model;
        this.plan = plan;
        this.training = List.copyOf(training);
        this.validation = List.copyOf(validation);
        this.seed = seed;
        this.workDir = workDir;
        this.modelFiles = modelFiles;
        this.runKey = runKey;
        this.parameters = model.parameters();
        this.optimizer = new AdamW(parameters, 0.9, 0.999, 1e-8, plan.weightDecay());
    }

    /** How a call to {@link #run} ended. */
    public record Outcome(boolean completed, int steps, long trainedTokens) {
    }

    /**
     * Trains from the newest checkpoint in the work folder (or from the start) until the last step, or until
     * {@code stopRequested} is true, in which case a checkpoint is written first. It is polled after every step and
     * between the sequences of a step: a step cut short is dropped (the weights have not moved yet), so a long step
     * need not finish before the run stops.
     */
    public Outcome run(TrainingListener listener, BooleanSupplier stopRequested) {
        int step = 0;
        long trainedTokens = 0;
        Optional<Path> resumeFrom = TrainingCheckpoint.latest(workDir);
        if (resumeFrom.isPresent()) {
            TrainerState s = TrainingCheckpoint.readState(resumeFrom.get());
            if (s.formatVersion() != TrainerState.FORMAT_VERSION || !s.runKey().equals(runKey)
                    || s.seed() != seed || s.totalSteps() != plan.totalSteps()) {
                throw new TunaException(resumeFrom.get() + ": this checkpoint belongs to a different run (other data,"
                        + " model, seed or hyperparameters); use an empty work folder for a new run");
            }
            TrainingCheckpoint.restore(resumeFrom.get(), s, parameters, optimizer);
            step = s.step();
            trainedTokens = s.trainedTokens();
            listener.onMessage("Resumed from checkpoint at step " + step + " of " + plan.totalSteps());
        }
        int total = plan.totalSteps();
        int perEpoch = plan.stepsPerEpoch();
        int checkpointEveryEpochs = Math.max(1, Math.ceilDiv(plan.epochs(), PERIODIC_CHECKPOINTS));
        int validateEvery = Math.max(1, total / 10);
        long lastCheckpoint = System.nanoTime();
        int lastCheckpointStep = resumeFrom.isPresent() ? step : -1;
        int[] order = null;
        int orderEpoch = -1;
        while (step < total) {
            int epoch = step / perEpoch;
            int batchIndex = step % perEpoch;
            if (epoch != orderEpoch) {
                order = shuffled(epoch);
                orderEpoch = epoch;
            }
            long started = System.nanoTime();
            List<EncodedConversation> batch = new ArrayList<>();
            for (int i = batchIndex * plan.batchSize(); i < Math.min(training.size(),
                    (batchIndex + 1) * plan.batchSize()); i++) {
                batch.add(training.get(order[i]));
            }
            SequenceLoss loss = accumulate(batch, step, stopRequested);
            if (loss == null) {
                if (step != lastCheckpointStep) {
                    checkpoint(step, trainedTokens, listener, null);
                }
                listener.onMessage("Stopped at step " + step + " of " + total + "; a checkpoint was written");
                return new Outcome(false, step, trainedTokens);
            }
            double lr = plan.schedule().at(step);
            if (loss.targetWeight() > 0) {
                GradientClipping.clip(parameters, plan.maxGradNorm());
                optimizer.step(lr);
            }
            long tokens = 0;
            for (EncodedConversation e : batch) {
                tokens += e.length();
            }
            trainedTokens += tokens;
            step++;
            double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);

            Double validLoss = null;
            Double validAccuracy = null;
            if (!validation.isEmpty() && (step % validateEvery == 0 || step == total)) {
                SequenceLoss v = step == total ? evaluate(0, FINAL_VALIDATION)
                        : evaluate((step / validateEvery - 1) * validationSample(), validationSample());
                validLoss = v.meanLoss();
                validAccuracy = v.accuracy();
            }
            StepMetrics metrics = new StepMetrics(step, total, loss.meanLoss(), loss.accuracy(), validLoss,
                    validAccuracy, lr, tokens / seconds, trainedTokens);
            listener.onStep(metrics);

            boolean epochEnd = step % perEpoch == 0;
            boolean stop = step < total && stopRequested.getAsBoolean();
            boolean due = (epochEnd && (step / perEpoch) % checkpointEveryEpochs == 0)
                    || System.nanoTime() - lastCheckpoint > CHECKPOINT_INTERVAL_NANOS;
            if (stop || due || step == total) {
                checkpoint(step, trainedTokens, listener, metrics);
                lastCheckpoint = System.nanoTime();
                lastCheckpointStep = step;
            }
            if (stop) {
                listener.onMessage("Stopped at step " + step + " of " + total + "; a checkpoint was written");
                return new Outcome(false, step, trainedTokens);
            }
        }
        return new Outcome(true, step, trainedTokens);
    }

    private void checkpoint(int step, long trainedTokens, TrainingListener listener, StepMetrics metrics) {
        int perEpoch = plan.stepsPerEpoch();
        TrainerState state = new TrainerState(TrainerState.FORMAT_VERSION, step, plan.totalSteps(), step / perEpoch,
                step % perEpoch, seed, trainedTokens, optimizer.steps(), runKey);
        Path dir = TrainingCheckpoint.write(workDir, state, parameters, optimizer, modelFiles);
        if (metrics != null) {
            listener.onCheckpoint(step, dir, metrics);
        }
    }

    private int validationSample() {
        return Math.max(VALIDATION_SAMPLE, plan.batchSize());
    }

    SequenceLoss accumulate(List<EncodedConversation> batch, int step) {
        return accumulate(batch, step, () -> false);
    }

    /**
     * Zeroes the gradients, then accumulates the batch's, normalised by the batch's total target weight; null if
     * {@code stop} turned true between two sequences.
     */
    private SequenceLoss accumulate(List<EncodedConversation> batch, int step, BooleanSupplier stop) {
        model.zeroGrad();
        double weight = 0;
        for (EncodedConversation e : batch) {
            weight += e.targetWeight();
        }
        SequenceLoss sum = SequenceLoss.ZERO;
        if (weight == 0) {
            return sum;
        }
        float gradScale = (float) (1.0 / weight);
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0 && stop.getAsBoolean()) {
                return null;
            }
            EncodedConversation e = batch.get(i);
            sum = sum.plus(model.forwardBackward(e.tokens(), e.targetWeights(), gradScale, dropoutSeed(step, i)));
        }
        return sum;
    }

    /** Validation loss over {@code count} validation conversations from {@code from} on, wrapping around. */
    SequenceLoss evaluate(int from, int count) {
        SequenceLoss sum = SequenceLoss.ZERO;
        int n = validation.size();
        for (int k = 0; k < Math.min(count, n); k++) {
            EncodedConversation e = validation.get(Math.floorMod(from + k, n));
            sum = sum.plus(model.evaluate(e.tokens(), e.targetWeights()));
        }
        return sum;
    }

    /** The epoch's order of the training examples: a shuffle seeded by the run's seed and the epoch. */
    int[] shuffled(int epoch) {
        List<Integer> idx = new ArrayList<>(training.size());
        for (int i = 0; i < training.size(); i++) {
            idx.add(i);
        }
        Collections.shuffle(idx, new Random(mix(seed, epoch)));
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private long dropoutSeed(int step, int micro) {
        return mix(mix(seed ^ 0x5DEECE66DL, step), micro);
    }

    /** SplitMix64's finaliser over a combination: well-spread, stable seeds for each (seed, position). */
    static long mix(long a, long b) {
        long z = a + 0x9E3779B97F4A7C15L * (b + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public TrainingPlan plan() {
        return plan;
    }
}
