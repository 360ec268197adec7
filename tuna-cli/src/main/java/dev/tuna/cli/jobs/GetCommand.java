package dev.tuna.cli.jobs;

import com.openai.client.OpenAIClient;
import com.openai.models.finetuning.jobs.FineTuningJob;
import dev.tuna.cli.client.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna jobs get ID}. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Show a job: status, models, files, hyperparameters, error.",
        footer = {"", "Examples:", "  tuna jobs get ftjob-abc123", "  tuna jobs get ftjob-abc123 --json | jq -r .fine_tuned_model"})
public final class GetCommand extends ApiCommand<FineTuningJob> {
    @Parameters(paramLabel = "JOB_ID")
    String id;

    @Override
    protected FineTuningJob request(OpenAIClient client) {
        return client.fineTuning().jobs().retrieve(id);
    }

    @Override
    protected void print(PrintWriter out, FineTuningJob result) {
        JobView.details(out, result);
    }
}
