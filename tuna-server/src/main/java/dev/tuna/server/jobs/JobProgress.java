package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.engine.train.StepMetrics;
import dev.tuna.engine.train.TrainingListener;
import dev.tuna.server.http.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Turns the trainer's progress into the job's events ({@code metrics} per step), checkpoints and ETA. */
final class JobProgress implements TrainingListener {
    private final JobStore jobs;
    private final String jobId;
    private final String modelName;
    private final long startedNanos = System.nanoTime();
    private int firstStep = -1;
    private volatile int lastStep;

    JobProgress(JobStore jobs, String jobId, String modelName) {
        this.jobs = jobs;
        this.jobId = jobId;
        this.modelName = modelName;
    }

    int lastStep() {
        return lastStep;
    }

    @Override
    public void onStep(StepMetrics m) {
        lastStep = m.step();
        if (firstStep < 0) {
            firstStep = m.step() - 1; // a resumed run starts past step 1
        }
        ObjectNode data = metrics(m);
        data.put("total_steps", m.totalSteps());
        String message = String.format(Locale.ROOT, "Step %d/%d: training loss=%.4f", m.step(), m.totalSteps(),
                m.trainLoss());
        if (m.validLoss() != null) {
            message += String.format(Locale.ROOT, ", validation loss=%.4f", m.validLoss());
        }
        jobs.addEvent(jobId, "info", message, "metrics", data);
        int done = m.step() - firstStep;
        if (done > 0 && m.totalSteps() > m.step()) {
            double secondsPerStep = (System.nanoTime() - startedNanos) / 1e9 / done;
            jobs.setEstimatedFinish(jobId,
                    Instant.now().getEpochSecond() + (long) Math.ceil(secondsPerStep * (m.totalSteps() - m.step())));
        }
    }

    @Override
    public void onCheckpoint(int step, Path dir, StepMetrics m) {
        jobs.addCheckpoint(jobId, step, modelName + ":ckpt-step-" + step, metrics(m));
        jobs.info(jobId, "Checkpoint created at step " + step);
    }

    @Override
    public void onMessage(String message) {
        jobs.info(jobId, message);
    }

    /** OpenAI's metric names; values that are not finite numbers are left out (JSON has no NaN). */
    static ObjectNode metrics(StepMetrics m) {
        ObjectNode data = Json.object();
        data.put("step", m.step());
        putFinite(data, "train_loss", m.trainLoss());
        putFinite(data, "train_mean_token_accuracy", m.trainAccuracy());
        if (m.validLoss() != null) {
            putFinite(data, "valid_loss", m.validLoss());
        }
        if (m.validAccuracy() != null) {
            putFinite(data, "valid_mean_token_accuracy", m.validAccuracy());
        }
        return data;
    }

    private static void putFinite(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        }
    }
}
