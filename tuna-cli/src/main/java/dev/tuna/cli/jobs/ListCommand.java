package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobListParams;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna jobs list}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List fine-tuning jobs, newest first.",
        footer = {"", "Examples:", "  tuna jobs list", "  tuna jobs list --limit 5 --json | jq -r '.data[] | .id + \" \" + .status'"})
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many jobs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print {\"object\":\"list\",\"data\":[...]} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            List<FineTuningJob> jobs = api.client().fineTuning().jobs().list(JobListParams.builder().limit(Math.min(limit, 100)).build())
                    .autoPager().stream().limit(limit).toList();
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> list = new LinkedHashMap<>();
                list.put("object", "list");
                list.put("data", jobs);
                Json.print(out, list);
            } else if (jobs.isEmpty()) {
                out.println("No fine-tuning jobs at " + api.backend().baseUrl() + ". Start one with 'tuna jobs create'.");
                out.flush();
            } else {
                JobView.table(out, jobs);
            }
        }
        return 0;
    }
}
