package dev.tuna.cli.models;

import com.openai.models.models.ModelDeleted;
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

/** {@code tuna models delete ID}. */
@Command(
        name = "delete",
        mixinStandardHelpOptions = true,
        description = "Delete a fine-tuned model.",
        footer = {"", "Examples:", "  tuna models delete ft:tuna-nano:local:marv:abcd1234"})
public final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "MODEL")
    String id;

    @Option(names = "--json", description = "Print the deletion result as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            ModelDeleted d = api.client().models().delete(id);
            return Deletion.report(spec.commandLine().getOut(), json, d, d.id(), d.deleted());
        }
    }
}
