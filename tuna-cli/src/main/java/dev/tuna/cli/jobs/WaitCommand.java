package dev.tuna.cli.jobs;

import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna jobs wait ID}. */
@Command(
        name = "wait",
        mixinStandardHelpOptions = true,
        description = "Wait for a job to end, with a live progress bar (step / total, loss, ETA) on a terminal and "
                + "one line per step when piped. Prints the final state and the fine-tuned model's name. Exit code 0 if "
                + "the job succeeded, 1 if it failed or was cancelled.",
        footer = {
            "",
            "Examples:",
            "  tuna jobs wait ftjob-abc123",
            "  tuna jobs wait ftjob-abc123 --json | jq -r .fine_tuned_model",
            "  tuna jobs wait ftjob-abc123 && echo trained",
        })
public final class WaitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Mixin
    FollowOptions followOptions;

    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = "--json", description = "Print only the final job object, as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            return followOptions.follower(api.client(), spec.commandLine().getOut(), JobFollower.Show.STATUS, json).follow(id);
        }
    }
}
