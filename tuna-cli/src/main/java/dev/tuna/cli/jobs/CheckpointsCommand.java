package dev.tuna.cli.jobs;

import com.openai.client.OpenAIClient;
import com.openai.models.finetuning.jobs.checkpoints.FineTuningJobCheckpoint;
import dev.tuna.cli.client.ApiCommand;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Table;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna jobs checkpoints ID}. */
@Command(
        name = "checkpoints",
        mixinStandardHelpOptions = true,
        description = "List a job's checkpoints: each is a model you can chat with, named in the CHECKPOINT MODEL "
                + "column.",
        footer = {"", "Examples:", "  tuna jobs checkpoints ftjob-abc123",
            "  tuna jobs checkpoints ftjob-abc123 --json \\",
            "      | jq -r '.data[0].fine_tuned_model_checkpoint'"})
public final class CheckpointsCommand extends ApiCommand<List<FineTuningJobCheckpoint>> {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    protected List<FineTuningJobCheckpoint> request(OpenAIClient client) {
        return client.fineTuning().jobs().checkpoints().list(id).autoPager().stream().toList();
    }

    /** All pages as one list object, the shape a single page of the API has. */
    @Override
    protected Object json(List<FineTuningJobCheckpoint> checkpoints) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", checkpoints);
        return list;
    }

    @Override
    protected void print(PrintWriter out, List<FineTuningJobCheckpoint> checkpoints) {
        if (checkpoints.isEmpty()) {
            out.println("Job " + id + " has no checkpoints yet.");
            return;
        }
        Table t = new Table("STEP", "CHECKPOINT MODEL", "TRAIN LOSS", "VALID LOSS", "CREATED");
        for (FineTuningJobCheckpoint c : checkpoints) {
            t.row(c.stepNumber(), c.fineTunedModelCheckpoint(), loss(c.metrics().trainLoss()),
                    loss(c.metrics().validLoss()), Human.epochSeconds(c.createdAt()));
        }
        t.print(out);
    }

    private static String loss(Optional<Double> v) {
        return v.map(d -> String.format("%.4f", d)).orElse("-");
    }
}
