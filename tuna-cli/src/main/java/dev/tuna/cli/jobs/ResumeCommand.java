package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.services.blocking.finetuning.JobService;
import picocli.CommandLine.Command;

/** {@code tuna jobs resume ID}. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = "Resume a paused job from its last checkpoint.",
        footer = {"", "Examples:", "  tuna jobs resume ftjob-abc123", "  tuna jobs resume ftjob-abc123 --json"})
public final class ResumeCommand extends JobActionCommand {
    @Override
    FineTuningJob act(JobService jobs, String jobId) {
        return jobs.resume(jobId);
    }

    @Override
    String done() {
        return "Resumed";
    }
}
