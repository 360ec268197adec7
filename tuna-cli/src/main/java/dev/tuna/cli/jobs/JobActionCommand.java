package dev.tuna.cli.jobs;

import com.openai.client.OpenAIClient;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.services.blocking.finetuning.JobService;
import dev.tuna.cli.client.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Parameters;

/** What cancel, pause and resume share: one job id in, the job's new state out. */
abstract class JobActionCommand extends ApiCommand<FineTuningJob> {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    abstract FineTuningJob act(JobService jobs, String jobId);

    /** e.g. "Cancelled", for "Cancelled ftjob-abc (status cancelled)." */
    abstract String done();

    @Override
    protected FineTuningJob request(OpenAIClient client) {
        return act(client.fineTuning().jobs(), id);
    }

    @Override
    protected void print(PrintWriter out, FineTuningJob job) {
        out.println(done() + " " + job.id() + " (status " + JobView.status(job) + ").");
    }
}
