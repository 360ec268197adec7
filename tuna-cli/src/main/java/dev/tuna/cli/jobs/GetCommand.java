package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.FineTuningJob;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna jobs get ID}. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Show a job: status, models, files, hyperparameters, error.",
        footer = {"", "Examples:", "  tuna jobs get ftjob-abc123", "  tuna jobs get ftjob-abc123 --json | jq -r .fine_tuned_model"})
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = "--json", description = "Print the job object as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            FineTuningJob job = api.client().fineTuning().jobs().retrieve(id);
            if (json) {
                Json.print(spec.commandLine().getOut(), job);
            } else {
                JobView.details(spec.commandLine().getOut(), job);
            }
        }
        return 0;
    }
}
