package dev.tuna.cli.files;

import com.openai.models.files.FileDeleted;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Deletion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna files delete ID}. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a file.",
        footer = {"", "Examples:", "  tuna files delete file-abc123"})
public final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "FILE_ID")
    String id;

    @Option(names = "--json", description = "Print the deletion result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            FileDeleted d = api.client().files().delete(id);
            return Deletion.report(spec.commandLine().getOut(), json, d, d.id(), d.deleted());
        }
    }
}
