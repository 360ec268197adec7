package dev.tuna.cli.files;

import com.openai.client.OpenAIClient;
import com.openai.models.files.FileObject;
import dev.tuna.cli.client.ApiCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna files get ID}. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Show one file's details.",
        footer = {"", "Examples:", "  tuna files get file-abc123", "  tuna files get file-abc123 --json"})
public final class GetCommand extends ApiCommand<FileObject> {
    @Parameters(paramLabel = "FILE_ID")
    String id;

    @Override
    protected FileObject request(OpenAIClient client) {
        return client.files().retrieve(id);
    }

    @Override
    protected void print(PrintWriter out, FileObject result) {
        FileView.details(out, result);
    }
}
