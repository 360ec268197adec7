package dev.tuna.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Ids;
import dev.tuna.server.http.Json;
import dev.tuna.server.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jobs, their events and checkpoints in SQLite. Status changes are compare-and-set ({@code UPDATE … WHERE status
 * IN …}), so that an API call (cancel, pause) and the worker finishing a run cannot both win.
 */
public final class JobStore {
    private final Database db;

    public JobStore(Database db) {
        this.db = db;
    }

    public Database db() {
        return db;
    }

    public void insert(String id, String model, String trainingFile, String validationFile, String suffix, long seed,
                       JsonNode hyperparameters, JsonNode metadata) {
        db.update("INSERT INTO jobs(id, model, training_file, validation_file, suffix, seed, status, created_at, "
                        + "hyperparameters, metadata) VALUES (?,?,?,?,?,?,?,?,?,?)",
                id, model, trainingFile, validationFile, suffix, seed, JobStatus.VALIDATING_FILES, now(),
                Json.write(hyperparameters), metadata == null ? null : Json.write(metadata));
    }

    public Job get(String id) {
        if (!Ids.isValid(Ids.JOB, id)) {
            return null;
        }
        return db.queryOne("SELECT * FROM jobs WHERE id = ?", JobStore::job, id);
    }

    public Job require(String id) {
        Job job = get(id);
        if (job == null) {
            throw ApiException.notFound("No such fine-tuning job: " + id, "fine_tuning_job_id");
        }
        return job;
    }

    /** Newest first, after the cursor, optionally only jobs whose metadata has all the given pairs. */
    public List<Job> list(String after, int rows, Map<String, String> metadata) {
        StringBuilder sql = new StringBuilder("SELECT * FROM jobs WHERE 1=1");
        Object[] args = new Object[2 + metadata.size() * 2];
        int n = 0;
        if (after != null) {
            Job cursor = get(after);
            if (cursor == null) {
                throw ApiException.badRequest("Invalid 'after': no fine-tuning job with id '" + after + "'.", "after");
            }
            sql.append(" AND seq < ?");
            args[n++] = cursor.seq();
        }
        for (var e : metadata.entrySet()) {
            sql.append(" AND json_extract(metadata, ?) = ?");
            args[n++] = "$.\"" + e.getKey().replace("\"", "") + "\"";
            args[n++] = e.getValue();
        }
        sql.append(" ORDER BY seq DESC LIMIT ?");
        args[n++] = rows;
        return db.query(sql.toString(), JobStore::job, java.util.Arrays.copyOf(args, n));
    }

    /** Moves the job to {@code to} if its status is one of {@code from}; true when it did. */
    public boolean transition(String id, Set<String> from, String to) {
        String in = String.join(",", from.stream().map(s -> "'" + s + "'").toList());
        boolean finishing = JobStatus.finished(to);
        return db.update("UPDATE jobs SET status = ?" + (finishing ? ", finished_at = ?, estimated_finish = NULL" : "")
                        + " WHERE id = ? AND status IN (" + in + ")",
                finishing ? new Object[] {to, now(), id} : new Object[] {to, id}) == 1;
    }

    /**
     * Like {@link #transition}, also writing an event and returning the job as it is right after the change (the
     * worker may move it on at once), or null when the job was not in a {@code from} status.
     */
    public Job transitionAndGet(String id, Set<String> from, String to, String event) {
        return db.transaction(d -> {
            if (!transition(id, from, to)) {
                return null;
            }
            info(id, event);
            return get(id);
        });
    }

    /** Fails the job (unless it already finished) with OpenAI's {@code error} object. */
    public boolean fail(String id, String code, String message, String param) {
        return db.update("UPDATE jobs SET status = ?, finished_at = ?, estimated_finish = NULL, error_code = ?, "
                        + "error_message = ?, error_param = ? WHERE id = ? AND status NOT IN ('succeeded','failed','cancelled')",
                JobStatus.FAILED, now(), code, message, param, id) == 1;
    }

    public void setHyperparameters(String id, JsonNode hyperparameters) {
        db.update("UPDATE jobs SET hyperparameters = ? WHERE id = ?", Json.write(hyperparameters), id);
    }

    public void setEstimatedFinish(String id, Long at) {
        db.update("UPDATE jobs SET estimated_finish = ? WHERE id = ? AND status = 'running'", at, id);
    }

    /** The job that the worker should run next: one interrupted while running first, then the oldest queued. */
    public Job nextRunnable() {
        return db.queryOne("SELECT * FROM jobs WHERE status IN ('running','queued') "
                + "ORDER BY CASE status WHEN 'running' THEN 0 ELSE 1 END, seq LIMIT 1", JobStore::job);
    }

    public List<Job> withStatus(String status) {
        return db.query("SELECT * FROM jobs WHERE status = ? ORDER BY seq", JobStore::job, status);
    }

    /** Whether a job that has not finished reads this file. */
    public boolean fileInUse(String fileId) {
        return db.queryOne("SELECT 1 FROM jobs WHERE (training_file = ? OR validation_file = ?) "
                + "AND status NOT IN ('succeeded','failed','cancelled') LIMIT 1", r -> 1, fileId, fileId) != null;
    }

    public void addEvent(String jobId, String level, String message, String type, JsonNode data) {
        db.update("INSERT INTO job_events(id, job_id, created_at, level, message, type, data) VALUES (?,?,?,?,?,?,?)",
                Ids.next(Ids.EVENT), jobId, now(), level, message, type, data == null ? null : Json.write(data));
    }

    public void info(String jobId, String message) {
        addEvent(jobId, "info", message, "message", null);
    }

    /** Newest first, after the cursor event. */
    public List<JobEvent> events(String jobId, String after, int rows) {
        if (after == null) {
            return db.query("SELECT * FROM job_events WHERE job_id = ? ORDER BY seq DESC LIMIT ?", JobStore::event,
                    jobId, rows);
        }
        Long seq = db.queryOne("SELECT seq FROM job_events WHERE id = ? AND job_id = ?", r -> r.getLong(1), after,
                jobId);
        if (seq == null) {
            throw ApiException.badRequest("Invalid 'after': no event '" + after + "' in job " + jobId + ".", "after");
        }
        return db.query("SELECT * FROM job_events WHERE job_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                JobStore::event, jobId, seq, rows);
    }

    /** Every metrics event of the job, oldest first. */
    public List<JobEvent> metrics(String jobId) {
        return db.query("SELECT * FROM job_events WHERE job_id = ? AND type = 'metrics' ORDER BY seq", JobStore::event,
                jobId);
    }

    public void addCheckpoint(String jobId, int step, String name, JsonNode metrics) {
        db.update("INSERT INTO checkpoints(id, job_id, created_at, step, name, metrics) VALUES (?,?,?,?,?,?)",
                Ids.next(Ids.CHECKPOINT), jobId, now(), step, name, Json.write(metrics));
    }

    /** Newest first, after the cursor checkpoint. */
    public List<Checkpoint> checkpoints(String jobId, String after, int rows) {
        if (after == null) {
            return db.query("SELECT * FROM checkpoints WHERE job_id = ? ORDER BY seq DESC LIMIT ?",
                    JobStore::checkpoint, jobId, rows);
        }
        Long seq = db.queryOne("SELECT seq FROM checkpoints WHERE id = ? AND job_id = ?", r -> r.getLong(1), after,
                jobId);
        if (seq == null) {
            throw ApiException.badRequest("Invalid 'after': no checkpoint '" + after + "' in job " + jobId + ".",
                    "after");
        }
        return db.query("SELECT * FROM checkpoints WHERE job_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                JobStore::checkpoint, jobId, seq, rows);
    }

    /** Marks the job succeeded with its model, result file and token count, if nobody cancelled it first. */
    public boolean succeed(String id, String fineTunedModel, String resultFile, long trainedTokens) {
        return db.update("UPDATE jobs SET status = 'succeeded', finished_at = ?, estimated_finish = NULL, "
                        + "fine_tuned_model = ?, trained_tokens = ?, result_files = ? "
                        + "WHERE id = ? AND status IN ('running','paused')",
                now(), fineTunedModel, trainedTokens, Json.write(List.of(resultFile)), id) == 1;
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    private static Job job(ResultSet r) throws SQLException {
        String metadata = r.getString("metadata");
        return new Job(r.getLong("seq"), r.getString("id"), r.getString("model"), r.getString("training_file"),
                r.getString("validation_file"), r.getString("suffix"), r.getLong("seed"), r.getString("status"),
                r.getLong("created_at"), Database.getLong(r, "finished_at"), Database.getLong(r, "estimated_finish"),
                r.getString("fine_tuned_model"), Database.getLong(r, "trained_tokens"), r.getString("error_code"),
                r.getString("error_message"), r.getString("error_param"), Json.read(r.getString("hyperparameters")),
                metadata == null ? null : Json.read(metadata), Json.read(r.getString("result_files")));
    }

    private static JobEvent event(ResultSet r) throws SQLException {
        String data = r.getString("data");
        return new JobEvent(r.getLong("seq"), r.getString("id"), r.getString("job_id"), r.getLong("created_at"),
                r.getString("level"), r.getString("message"), r.getString("type"), data == null ? null : Json.read(data));
    }

    private static Checkpoint checkpoint(ResultSet r) throws SQLException {
        return new Checkpoint(r.getLong("seq"), r.getString("id"), r.getString("job_id"), r.getLong("created_at"),
                r.getInt("step"), r.getString("name"), Json.read(r.getString("metrics")));
    }
}
