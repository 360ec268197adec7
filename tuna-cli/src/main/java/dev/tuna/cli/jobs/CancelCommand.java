package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.services.blocking.finetuning.JobService;
import picocli.CommandLine.Command;

/** {@code tuna jobs cancel ID}. */
@Command(
        name = "cancel",
        mixinStandardHelpOptions = true,
        description = "Cancel a job; a running one stops at once and keeps no model.",
        footer = {"", "Examples:", "  tuna jobs cancel ftjob-abc123", "  tuna jobs cancel ftjob-abc123 --json"})
public final class CancelCommand extends JobActionCommand {
    @Override
    FineTuningJob act(JobService jobs, String jobId) {
        return jobs.cancel(jobId);
    }

    @Override
    String done() {
        return "Cancelled";
    }
}
