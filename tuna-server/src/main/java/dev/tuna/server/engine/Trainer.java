package dev.tuna.server.engine;

import dev.tuna.engine.train.FineTuneRequest;
import dev.tuna.engine.train.FineTuneResult;
import dev.tuna.engine.train.TrainingListener;
import java.util.function.BooleanSupplier;

/**
 * What the job worker needs from the engine's fine-tuner: run a request to the end, or until
 * {@code stopRequested} turns true, after which it writes a checkpoint into the request's work folder and returns
 * {@code completed=false}. Run again with the same work folder, it resumes from that checkpoint.
 */
@FunctionalInterface
public interface Trainer {
    FineTuneResult run(FineTuneRequest request, TrainingListener listener, BooleanSupplier stopRequested)
            throws Exception;
}
