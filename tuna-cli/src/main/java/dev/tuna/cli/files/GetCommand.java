package dev.tuna.cli.files;

import com.openai.models.files.FileObject;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna files get ID}. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Show one file's details.",
        footer = {"", "Examples:", "  tuna files get file-abc123", "  tuna files get file-abc123 --json"})
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "FILE_ID")
    String id;

    @Option(names = "--json", description = "Print the file object as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            FileObject f = api.client().files().retrieve(id);
            if (json) {
                Json.print(spec.commandLine().getOut(), f);
            } else {
                FileView.details(spec.commandLine().getOut(), f);
            }
        }
        return 0;
    }
}
