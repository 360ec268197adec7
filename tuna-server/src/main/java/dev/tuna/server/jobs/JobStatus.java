package dev.tuna.server.jobs;

import java.util.Set;

/** OpenAI's job statuses, plus {@code paused} (which the pause endpoint returns though the enum lacks it). */
public final class JobStatus {
    public static final String VALIDATING_FILES = "validating_files";
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String PAUSED = "paused";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public static final Set<String> FINISHED = Set.of(SUCCEEDED, FAILED, CANCELLED);

    private JobStatus() {
    }

    public static boolean finished(String status) {
        return FINISHED.contains(status);
    }
}
