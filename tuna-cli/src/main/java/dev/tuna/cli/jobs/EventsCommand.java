package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Json;
import dev.tuna.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna jobs events ID [--follow]}. */
@Command(
        name = "events",
        mixinStandardHelpOptions = true,
        description = "Show a job's events (validation, steps with their loss, checkpoints, the result), oldest "
                + "first. With --follow, keep printing new events until the job ends, with a live progress bar on a "
                + "terminal; exit code 1 if the job failed or was cancelled.",
        footer = {
            "",
            "Examples:",
            "  tuna jobs events ftjob-abc123",
            "  tuna jobs events ftjob-abc123 --follow",
            "  tuna jobs events ftjob-abc123 --follow --json > events.jsonl",
        })
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Mixin
    FollowOptions followOptions;

    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = {"-f", "--follow"}, description = "Keep following until the job ends.")
    boolean follow;

    @Option(names = "--limit", defaultValue = "100", description = "Without --follow: the newest this many events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "JSON: the event list; with --follow one event per line, then the final job.")
    boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Api api = backend.connect()) {
            if (follow) {
                return followOptions.follower(api.client(), out, JobFollower.Show.EVENTS, json).follow(id);
            }
            List<FineTuningJobEvent> events = api.client().fineTuning().jobs()
                    .listEvents(JobListEventsParams.builder().fineTuningJobId(id).limit(Math.min(limit, 100)).build())
                    .autoPager().stream().limit(limit).toList().reversed();
            if (json) {
                Map<String, Object> list = new LinkedHashMap<>();
                list.put("object", "list");
                list.put("data", events);
                Json.print(out, list);
                return 0;
            }
            Table t = new Table("TIME", "LEVEL", "MESSAGE");
            events.forEach(e -> t.row(Human.epochSeconds(e.createdAt()), e.level().asString(), e.message()));
            t.print(out);
        }
        return 0;
    }
}
