package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.services.blocking.finetuning.JobService;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What cancel, pause and resume share: one job id in, the job's new state out. */
abstract class JobActionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = "--json", description = "Print the job object as JSON.")
    boolean json;

    abstract FineTuningJob act(JobService jobs, String jobId);

    /** e.g. "Cancelled", for "Cancelled ftjob-abc (status cancelled)." */
    abstract String done();

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            FineTuningJob job = act(api.client().fineTuning().jobs(), id);
            var out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, job);
            } else {
                out.println(done() + " " + job.id() + " (status " + JobView.status(job) + ").");
                out.flush();
            }
        }
        return 0;
    }
}
