package dev.tuna.engine.train;

import java.nio.file.Path;

/** Progress of a fine-tuning run, called on the training thread. */
public interface TrainingListener {
    /** After each optimizer step. */
    void onStep(StepMetrics metrics);

    /** After a checkpoint is written (complete and durable) into {@code dir}. */
    default void onCheckpoint(int step, Path dir, StepMetrics metrics) {
    }

    /** A human-readable message (e.g. "auto picked 20 epochs"), for the job's events. */
    default void onMessage(String message) {
    }
}
