package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.services.blocking.finetuning.JobService;
import picocli.CommandLine.Command;

/** {@code tuna jobs pause ID}. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = "Pause a running job at its next checkpoint; 'tuna jobs resume' continues it from there.",
        footer = {"", "Examples:", "  tuna jobs pause ftjob-abc123", "  tuna jobs pause ftjob-abc123 --json"})
public final class PauseCommand extends JobActionCommand {
    @Override
    FineTuningJob act(JobService jobs, String jobId) {
        return jobs.pause(jobId);
    }

    @Override
    String done() {
        return "Paused";
    }
}
