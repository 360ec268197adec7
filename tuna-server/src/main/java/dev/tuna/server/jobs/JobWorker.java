package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.io.AtomicFiles;
import dev.tuna.data.io.Folders;
import dev.tuna.data.validate.Validator;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.train.FineTuneRequest;
import dev.tuna.engine.train.FineTuneResult;
import dev.tuna.engine.train.Hyperparameters;
import dev.tuna.engine.train.LoraSettings;
import dev.tuna.server.engine.Trainer;
import dev.tuna.server.files.FileStore;
import dev.tuna.server.files.Purposes;
import dev.tuna.server.files.StoredFile;
import dev.tuna.server.http.Json;
import dev.tuna.server.models.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs fine-tuning jobs: files are validated on their own thread as soon as a job is created, and one job at a
 * time trains on the training thread (training uses every core; the HTTP threads only wait on I/O).
 *
 * <p>Stopping: cancel, pause and shutdown raise a flag that the trainer polls between steps; it then writes a
 * checkpoint into the job's work folder and returns. A paused job continues from that checkpoint when resumed; a
 * job stopped by a shutdown (or killed with the process) is still {@code running} in the database, and is run
 * again, from its last checkpoint, when the server starts.
 */
public final class JobWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 300;
    /** OpenAI's minimum ({@code invalid_n_examples}). */
    static final int MIN_TRAINING_EXAMPLES = Validator.MIN_EXAMPLES;

    private final JobStore jobs;
    private final FileStore files;
    private final ModelCatalog catalog;
    private final Trainer trainer;
    private final Path jobsDir;
    private final ExecutorService validator = Executors.newSingleThreadExecutor(r -> daemon(r, "tuna-validate"));
    private final Thread thread = daemon(this::loop, "tuna-train");
    private final Object signal = new Object();
    private final AtomicBoolean stopCurrent = new AtomicBoolean();
    private volatile boolean shuttingDown;
    private volatile String currentJob;

    public JobWorker(JobStore jobs, FileStore files, ModelCatalog catalog, Trainer trainer, Path jobsDir)
            throws IOException {
        this.jobs = jobs;
        this.files = files;
        this.catalog = catalog;
        this.trainer = trainer;
        this.jobsDir = jobsDir;
        Files.createDirectories(jobsDir);
    }

    /** Picks up where a previous run of the server stopped, then starts the training thread. */
    public void start() {
        for (Job job : jobs.withStatus(JobStatus.VALIDATING_FILES)) {
            validate(job.id());
        }
        thread.start();
    }

    /** Validates the job's files in the background; the job then waits in the queue. */
    public void validate(String jobId) {
        validator.execute(() -> {
            try {
                validateNow(jobId);
            } catch (Exception e) {
                LOG.error("validating {} failed", jobId, e);
                failJob(jobId, "server_error", "Validating the files failed: " + e.getMessage(), null);
            }
        });
    }

    /** Wakes the training thread (a job was queued or resumed). */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Asks the running job to stop at the end of its current step (its status already says why). */
    public void requestStop(String jobId) {
        if (jobId.equals(currentJob)) {
            stopCurrent.set(true);
        }
        wake();
    }

    /** The job on the training thread, or null. */
    public String current() {
        return currentJob;
    }

    private void validateNow(String jobId) {
        Job job = jobs.get(jobId);
        if (job == null || !job.status().equals(JobStatus.VALIDATING_FILES)) {
            return;
        }
        if (!fileOk(job, job.trainingFile(), "training_file", "Training", MIN_TRAINING_EXAMPLES)) {
            return;
        }
        if (job.validationFile() != null && !fileOk(job, job.validationFile(), "validation_file", "Validation", 1)) {
            return;
        }
        if (jobs.transition(jobId, Set.of(JobStatus.VALIDATING_FILES), JobStatus.QUEUED)) {
            jobs.info(jobId, "Files validated, moving job to queued state");
            wake();
        }
    }

    /** True when the file can be trained on; otherwise fails the job saying why. */
    private boolean fileOk(Job job, String fileId, String param, String label, int minExamples) {
        StoredFile file = files.get(fileId);
        if (file == null) {
            failJob(job.id(), "invalid_file", label + " file " + fileId + " no longer exists", param);
            return false;
        }
        TrainingData.Problem problem = TrainingData.check(files.blob(file.id()), label, fileId, minExamples);
        if (problem != null) {
            failJob(job.id(), problem.code(), problem.message(), param);
            return false;
        }
        return true;
    }

    private void failJob(String jobId, String code, String message, String param) {
        if (jobs.fail(jobId, code, message, param)) {
            jobs.addEvent(jobId, "error", message, "message", null);
        }
    }

    private void loop() {
        long lastSweep = 0;
        while (!shuttingDown) {
            try {
                if (System.nanoTime() - lastSweep > TimeUnit.MINUTES.toNanos(10)) {
                    files.removeExpired();
                    lastSweep = System.nanoTime();
                }
                Job job = jobs.nextRunnable();
                if (job == null) {
                    synchronized (signal) {
                        signal.wait(1000);
                    }
                    continue;
                }
                run(job);
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                LOG.error("the job worker hit an unexpected error", e);
                try {
                    Thread.sleep(1000); // do not spin on a persistent failure
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void run(Job job) {
        String id = job.id();
        currentJob = id;
        stopCurrent.set(false);
        try {
            if (job.status().equals(JobStatus.QUEUED)) {
                if (!jobs.transition(id, Set.of(JobStatus.QUEUED), JobStatus.RUNNING)) {
                    return; // cancelled or paused meanwhile
                }
                jobs.info(id, "Fine-tuning job started");
            } else {
                jobs.info(id, "Fine-tuning job resumed from its last checkpoint after a server restart");
            }
            train(jobs.get(id));
        } catch (Throwable e) {
            LOG.error("job {} failed", id, e);
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            failJob(id, "training_error", "Training failed: " + message, null);
        } finally {
            currentJob = null;
        }
    }

    private void train(Job job) throws Exception {
        String id = job.id();
        Path jobDir = jobsDir.resolve(id);
        Path work = jobDir.resolve("work");
        Path output = jobDir.resolve("output");
        Path modelDir = jobDir.resolve("model");
        Files.createDirectories(work);
        Folders.delete(output); // a run that crashed after writing part of its output starts the output over
        Folders.delete(modelDir);

        List<List<Turn>> training = examples(job.trainingFile());
        List<List<Turn>> validation = job.validationFile() == null ? List.of() : examples(job.validationFile());
        String modelName = fineTunedName(job);
        Path base = catalog.basePath(job.model());
        FineTuneRequest request = new FineTuneRequest(base, training, validation,
                hyperparameters(job.hyperparameters(), base == null), job.seed(), work, output);
        JobProgress progress = new JobProgress(jobs, id, modelName);

        FineTuneResult result = trainer.run(request, progress, () -> shuttingDown || stopCurrent.get());
        jobs.setHyperparameters(id, resolved(result, job.hyperparameters()));
        if (!result.completed()) {
            stopped(jobs.get(id), progress.lastStep(), jobDir);
            return;
        }
        Files.move(result.modelDir(), modelDir, StandardCopyOption.ATOMIC_MOVE);
        Path csv = jobDir.resolve("step_metrics.csv");
        byte[] metrics = ResultCsv.of(jobs.metrics(id));
        AtomicFiles.writeSynced(csv, tmp -> Files.write(tmp, metrics));
        StoredFile resultFile = files.adopt(csv, "step_metrics.csv", Purposes.FINE_TUNE_RESULTS);
        boolean won = jobs.db().transaction(db -> {
            if (!jobs.succeed(id, modelName, resultFile.id(), result.trainedTokens())) {
                return false;
            }
            catalog.addFineTuned(modelName, id, job.model(), modelDir);
            jobs.info(id, "New fine-tuned model created: " + modelName);
            jobs.info(id, "The job has successfully completed");
            return true;
        });
        if (won) {
            Folders.delete(work);
        } else {
            Folders.delete(jobDir); // cancelled in the last moment: nothing of it stays
        }
    }

    /** After the trainer stopped early: why, and what is kept. */
    private void stopped(Job job, int step, Path jobDir) throws IOException {
        switch (job.status()) {
            case JobStatus.CANCELLED -> Folders.delete(jobDir);
            case JobStatus.PAUSED -> jobs.info(job.id(), "Job paused after step " + step
                    + "; resuming it continues from the checkpoint");
            case JobStatus.QUEUED -> jobs.info(job.id(), "Checkpoint written after step " + step); // resumed at once
            default -> {
                if (shuttingDown) {
                    jobs.info(job.id(), "Server shutting down: checkpoint written after step " + step
                            + "; the job resumes when the server starts again");
                } else {
                    throw new IllegalStateException("the trainer stopped before the end without being asked to");
                }
            }
        }
    }

    private List<List<Turn>> examples(String fileId) throws IOException {
        StoredFile file = files.get(fileId);
        if (file == null) {
            throw new IOException("file " + fileId + " was deleted");
        }
        return TrainingData.read(files.blob(file.id()));
    }

    /** {@code ft:<base>:local:<suffix>:<last 8 characters of the job id>}. */
    static String fineTunedName(Job job) {
        String tail = job.id().substring(job.id().length() - 8);
        return "ft:" + job.model() + ":" + ModelCatalog.OWNER + ":" + (job.suffix() == null ? "" : job.suffix()) + ":"
                + tail;
    }

    /** The job's LoRA settings (checked by JobRequest), or PEFT's defaults when it gave none. */
    static LoraSettings lora(JsonNode lora) {
        if (lora == null || lora.isNull()) {
            return LoraSettings.defaults();
        }
        List<String> modules = new ArrayList<>();
        lora.get("target_modules").forEach(m -> modules.add(m.asText()));
        return new LoraSettings(lora.get("r").asInt(), lora.get("alpha").asDouble(), lora.get("dropout").asDouble(),
                modules);
    }

    static Hyperparameters hyperparameters(JsonNode hp, boolean nano) {
        JsonNode epochs = hp.get("n_epochs");
        JsonNode batch = hp.get("batch_size");
        JsonNode lr = hp.get("learning_rate_multiplier");
        return new Hyperparameters(
                epochs != null && epochs.isNumber() ? epochs.asInt() : null,
                batch != null && batch.isNumber() ? batch.asInt() : null,
                lr != null && lr.isNumber() ? lr.asDouble() : null,
                nano ? null : lora(hp.get("lora")));
    }

    /** The values the trainer picked for "auto"; the LoRA settings stay as asked (a resumed run needs them). */
    private static ObjectNode resolved(FineTuneResult r, JsonNode asked) {
        ObjectNode hp = Json.object();
        hp.put("batch_size", r.batchSize());
        hp.put("learning_rate_multiplier", r.learningRateMultiplier());
        hp.put("n_epochs", r.epochs());
        if (asked != null && asked.hasNonNull("lora")) {
            hp.set("lora", asked.get("lora"));
        }
        return hp;
    }

    /** Stops the training thread, letting a running job checkpoint first (it resumes on the next start). */
    @Override
    public void close() {
        shuttingDown = true;
        stopCurrent.set(true);
        wake();
        validator.shutdownNow();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_WAIT_SECONDS));
            validator.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
