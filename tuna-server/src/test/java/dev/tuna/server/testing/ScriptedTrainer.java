package dev.tuna.server.testing;

import dev.tuna.engine.train.FineTuneRequest;
import dev.tuna.engine.train.FineTuneResult;
import dev.tuna.engine.train.StepMetrics;
import dev.tuna.engine.train.TrainingListener;
import dev.tuna.server.engine.Trainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A trainer for testing the server without the engine: it keeps the real trainer's contract (steps, a checkpoint
 * every few steps and on request to stop, resuming from the checkpoint in the work folder, the model written to
 * the output folder) but does no arithmetic beyond a made-up loss curve. Each step takes {@code stepMillis}.
 */
public final class ScriptedTrainer implements Trainer {
    public static final int CHECKPOINT_EVERY = 5;
    private final long stepMillis;
    /** Steps run by this instance, over all jobs (to see that a resumed job does not start over). */
    public final AtomicInteger stepsRun = new AtomicInteger();

    public ScriptedTrainer(long stepMillis) {
        this.stepMillis = stepMillis;
    }

    @Override
    public FineTuneResult run(FineTuneRequest request, TrainingListener listener, BooleanSupplier stopRequested)
            throws IOException, InterruptedException {
        int epochs = request.hyperparameters().epochs() == null ? 2 : request.hyperparameters().epochs();
        int batch = request.hyperparameters().batchSize() == null ? 1 : request.hyperparameters().batchSize();
        int perEpoch = (request.training().size() + batch - 1) / batch;
        int total = epochs * perEpoch;
        double lr = request.hyperparameters().learningRateMultiplier() == null ? 1.0
                : request.hyperparameters().learningRateMultiplier();
        Path checkpoint = request.workDir().resolve("checkpoint.txt");
        int step = Files.exists(checkpoint) ? Integer.parseInt(Files.readString(checkpoint).trim()) : 0;
        if (step > 0) {
            listener.onMessage("Resuming from the checkpoint at step " + step);
        }
        long tokensPerStep = 40L * batch;
        while (step < total) {
            if (stopRequested.getAsBoolean()) {
                writeCheckpoint(checkpoint, step);
                return new FineTuneResult(false, step, step * tokensPerStep, epochs, batch, lr, null);
            }
            Thread.sleep(stepMillis);
            step++;
            stepsRun.incrementAndGet();
            double loss = 2.0 / (1 + step * 0.3);
            Double valid = request.validation().isEmpty() ? null : loss * 1.1;
            StepMetrics m = new StepMetrics(step, total, loss, 1 - loss / 2.5, valid, valid == null ? null : 0.5,
                    1e-4, 1000, step * tokensPerStep);
            listener.onStep(m);
            if (step % CHECKPOINT_EVERY == 0) {
                writeCheckpoint(checkpoint, step);
                listener.onCheckpoint(step, request.workDir(), m);
            }
        }
        Files.createDirectories(request.outputDir());
        Files.writeString(request.outputDir().resolve("weights.txt"),
                "base=" + request.baseModel() + " seed=" + request.seed() + " examples=" + request.training().size()
                        + " first=" + request.training().getFirst().getLast().content(), StandardCharsets.UTF_8);
        return new FineTuneResult(true, total, total * tokensPerStep, epochs, batch, lr, request.outputDir());
    }

    private static void writeCheckpoint(Path checkpoint, int step) throws IOException {
        Path tmp = checkpoint.resolveSibling("checkpoint.tmp");
        Files.writeString(tmp, Integer.toString(step));
        Files.move(tmp, checkpoint, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
