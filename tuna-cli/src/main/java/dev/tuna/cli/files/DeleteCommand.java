package dev.tuna.cli.files;

import com.openai.client.OpenAIClient;
import dev.tuna.cli.client.ApiDeleteCommand;
import dev.tuna.cli.output.Deletion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna files delete ID}. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a file.",
        footer = {"", "Examples:", "  tuna files delete file-abc123"})
public final class DeleteCommand extends ApiDeleteCommand {
    @Parameters(paramLabel = "FILE_ID")
    String id;

    @Override
    protected Deletion request(OpenAIClient client) {
        var d = client.files().delete(id);
        return new Deletion(d, d.id(), d.deleted());
    }
}
