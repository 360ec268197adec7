package dev.tuna.cli.models;

import com.openai.client.OpenAIClient;
import dev.tuna.cli.client.ApiDeleteCommand;
import dev.tuna.cli.output.Deletion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna models delete ID}. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a fine-tuned model.",
        footer = {"", "Examples:", "  tuna models delete ft:tuna-nano:local:marv:abcd1234"})
public final class DeleteCommand extends ApiDeleteCommand {
    @Parameters(paramLabel = "MODEL")
    String id;

    @Override
    protected Deletion request(OpenAIClient client) {
        var d = client.models().delete(id);
        return new Deletion(d, d.id(), d.deleted());
    }
}
