package dev.tuna.cli.models;

import com.openai.models.models.Model;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna models get ID}. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Show one model.",
        footer = {"", "Examples:", "  tuna models get tuna-nano", "  tuna models get ft:tuna-nano:local:marv:abcd1234 --json"})
public final class GetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "MODEL")
    String id;

    @Option(names = "--json", description = "Print the model object as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            Model m = api.client().models().retrieve(id);
            var out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, m);
            } else {
                out.println("id:        " + m.id());
                out.println("owned by:  " + m.ownedBy());
                out.println("created:   " + Human.epochSeconds(m.created()));
                m.shutdownDate().ifPresent(d -> out.println("shut down: " + d));
                out.flush();
            }
        }
        return 0;
    }
}
