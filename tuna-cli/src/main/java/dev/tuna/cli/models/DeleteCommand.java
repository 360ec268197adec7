package dev.tuna.cli.models;

import com.openai.client.OpenAIClient;
import com.openai.models.models.ModelDeleted;
import dev.tuna.cli.client.ApiCommand;
import dev.tuna.cli.output.Deletion;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna models delete ID}. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a fine-tuned model.",
        footer = {"", "Examples:", "  tuna models delete ft:tuna-nano:local:marv:abcd1234"})
public final class DeleteCommand extends ApiCommand<ModelDeleted> {
    @Parameters(paramLabel = "MODEL")
    String id;

    @Override
    protected ModelDeleted request(OpenAIClient client) {
        return client.models().delete(id);
    }

    @Override
    protected void print(PrintWriter out, ModelDeleted result) {
        Deletion.print(out, result.id(), result.deleted());
    }

    @Override
    protected int exitCode(ModelDeleted result) {
        return Deletion.exitCode(result.deleted());
    }
}
