package dev.tuna.cli.files;

import com.openai.client.OpenAIClient;
import com.openai.models.files.FileDeleted;
import dev.tuna.cli.client.ApiCommand;
import dev.tuna.cli.output.Deletion;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna files delete ID}. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a file.",
        footer = {"", "Examples:", "  tuna files delete file-abc123"})
public final class DeleteCommand extends ApiCommand<FileDeleted> {
    @Parameters(paramLabel = "FILE_ID")
    String id;

    @Override
    protected FileDeleted request(OpenAIClient client) {
        return client.files().delete(id);
    }

    @Override
    protected void print(PrintWriter out, FileDeleted result) {
        Deletion.print(out, result.id(), result.deleted());
    }

    @Override
    protected int exitCode(FileDeleted result) {
        return Deletion.exitCode(result.deleted());
    }
}
