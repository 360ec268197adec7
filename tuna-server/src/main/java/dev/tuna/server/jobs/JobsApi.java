package dev.tuna.server.jobs;

import dev.tuna.server.files.FileStore;
import dev.tuna.server.files.Purposes;
import dev.tuna.server.files.StoredFile;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Ids;
import dev.tuna.server.http.Json;
import dev.tuna.server.http.PageRequest;
import dev.tuna.server.models.ModelCatalog;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /v1/fine_tuning/jobs}: create, list, get, cancel, pause, resume, events and checkpoints. */
public final class JobsApi {
    private final JobStore jobs;
    private final FileStore files;
    private final ModelCatalog catalog;
    private final JobWorker worker;

    public JobsApi(JobStore jobs, FileStore files, ModelCatalog catalog, JobWorker worker) {
        this.jobs = jobs;
        this.files = files;
        this.catalog = catalog;
        this.worker = worker;
    }

    public void create(Context ctx) {
        JobRequest req = JobRequest.parse(Json.body(ctx));
        if (catalog.findBase(req.model()) == null) {
            if (catalog.find(req.model()) != null) {
                throw ApiException.badRequest("Model " + req.model() + " is a fine-tuned model; the local server "
                        + "fine-tunes base models only (" + ModelCatalog.NANO + " or a checkpoint folder).", "model",
                        "model_not_available");
            }
            catalog.require(req.model(), "model"); // 404 model_not_found
        }
        checkFile(req.trainingFile(), "training_file");
        if (req.validationFile() != null) {
            checkFile(req.validationFile(), "validation_file");
        }
        String id = Ids.next(Ids.JOB);
        jobs.insert(id, req.model(), req.trainingFile(), req.validationFile(), req.suffix(), req.seed(),
                req.hyperparameters(), req.metadata());
        jobs.info(id, "Created fine-tuning job: " + id);
        jobs.info(id, "Validating training file: " + req.trainingFile()
                + (req.validationFile() == null ? "" : " and validation file: " + req.validationFile()));
        Job job = jobs.get(id);
        worker.validate(id);
        Json.send(ctx, job.toJson());
    }

    private void checkFile(String id, String param) {
        StoredFile f = files.get(id);
        if (f == null) {
            throw ApiException.badRequest("Invalid file ID '" + id + "' for '" + param + "': no such file. Upload "
                    + "it first with POST /v1/files (purpose 'fine-tune').", param, "invalid_file");
        }
        if (!Purposes.FINE_TUNE.equals(f.purpose())) {
            throw ApiException.badRequest("File " + id + " has purpose '" + f.purpose() + "'; fine-tuning needs a "
                    + "file uploaded with purpose 'fine-tune'.", param, "invalid_file");
        }
    }

    /** Newest first; {@code metadata[k]=v} filters. */
    public void list(Context ctx) {
        PageRequest page = PageRequest.of(ctx, 20, 1000);
        Map<String, String> metadata = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]") && !v.isEmpty()) {
                metadata.put(k.substring(9, k.length() - 1), v.getFirst());
            }
        });
        var rows = jobs.list(page.after(), page.fetch(), metadata).stream().map(Job::toJson).toList();
        Json.send(ctx, page.page(rows, false, false));
    }

    public void get(Context ctx) {
        Json.send(ctx, jobs.require(ctx.pathParam("job_id")).toJson());
    }

    /** Any job that has not finished can be cancelled; a running one stops within one training step. */
    public void cancel(Context ctx) {
        Job job = jobs.require(ctx.pathParam("job_id"));
        Job cancelled = jobs.transitionAndGet(job.id(), Set.of(JobStatus.VALIDATING_FILES, JobStatus.QUEUED,
                JobStatus.RUNNING, JobStatus.PAUSED), JobStatus.CANCELLED, "Fine-tuning job cancelled");
        if (cancelled == null) {
            throw ApiException.badRequest("Job " + job.id() + " has already " + jobs.require(job.id()).status()
                    + "; only a job that has not finished can be cancelled.", "fine_tuning_job_id");
        }
        worker.requestStop(job.id());
        Json.send(ctx, cancelled.toJson());
    }

    /** A queued or running job pauses; a running one checkpoints at the end of its current step. */
    public void pause(Context ctx) {
        Job job = jobs.require(ctx.pathParam("job_id"));
        if (job.status().equals(JobStatus.PAUSED)) {
            Json.send(ctx, job.toJson());
            return;
        }
        Job paused = jobs.transitionAndGet(job.id(), Set.of(JobStatus.QUEUED, JobStatus.RUNNING), JobStatus.PAUSED,
                "Fine-tuning job paused");
        if (paused == null) {
            throw ApiException.badRequest("Job " + job.id() + " is " + jobs.require(job.id()).status()
                    + "; only a queued or running job can be paused.", "fine_tuning_job_id");
        }
        worker.requestStop(job.id());
        Json.send(ctx, paused.toJson());
    }

    /** A paused job goes back to the queue and continues from its checkpoint. */
    public void resume(Context ctx) {
        Job job = jobs.require(ctx.pathParam("job_id"));
        Job resumed = jobs.transitionAndGet(job.id(), Set.of(JobStatus.PAUSED), JobStatus.QUEUED,
                "Fine-tuning job resumed, moving job to queued state");
        if (resumed == null) {
            throw ApiException.badRequest("Job " + job.id() + " is " + job.status() + "; only a paused job can be "
                    + "resumed.", "fine_tuning_job_id");
        }
        worker.wake();
        Json.send(ctx, resumed.toJson());
    }

    public void events(Context ctx) {
        Job job = jobs.require(ctx.pathParam("job_id"));
        PageRequest page = PageRequest.of(ctx, 20, 10_000);
        var rows = jobs.events(job.id(), page.after(), page.fetch()).stream().map(JobEvent::toJson).toList();
        Json.send(ctx, page.page(rows, false, false));
    }

    public void checkpoints(Context ctx) {
        Job job = jobs.require(ctx.pathParam("job_id"));
        PageRequest page = PageRequest.of(ctx, 10, 1000);
        var rows = jobs.checkpoints(job.id(), page.after(), page.fetch()).stream().map(Checkpoint::toJson).toList();
        Json.send(ctx, page.page(rows, true, true));
    }
}
