package dev.tuna.cli.jobs;

import com.openai.models.finetuning.jobs.checkpoints.FineTuningJobCheckpoint;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Json;
import dev.tuna.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna jobs checkpoints ID}. */
@Command(
        name = "checkpoints",
        mixinStandardHelpOptions = true,
        description = "List a job's checkpoints: each is a model you can chat with, named in the CHECKPOINT MODEL "
                + "column.",
        footer = {"", "Examples:", "  tuna jobs checkpoints ftjob-abc123",
            "  tuna jobs checkpoints ftjob-abc123 --json \\",
            "      | jq -r '.data[0].fine_tuned_model_checkpoint'"})
public final class CheckpointsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Option(names = "--json", description = "Print {\"object\":\"list\",\"data\":[...]} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            List<FineTuningJobCheckpoint> checkpoints = api.client().fineTuning().jobs().checkpoints().list(id)
                    .autoPager().stream().toList();
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> list = new LinkedHashMap<>();
                list.put("object", "list");
                list.put("data", checkpoints);
                Json.print(out, list);
            } else if (checkpoints.isEmpty()) {
                out.println("Job " + id + " has no checkpoints yet.");
                out.flush();
            } else {
                Table t = new Table("STEP", "CHECKPOINT MODEL", "TRAIN LOSS", "VALID LOSS", "CREATED");
                for (FineTuningJobCheckpoint c : checkpoints) {
                    t.row(c.stepNumber(), c.fineTunedModelCheckpoint(), loss(c.metrics().trainLoss()),
                            loss(c.metrics().validLoss()), Human.epochSeconds(c.createdAt()));
                }
                t.print(out);
            }
        }
        return 0;
    }

    private static String loss(Optional<Double> v) {
        return v.map(d -> String.format("%.4f", d)).orElse("-");
    }
}
