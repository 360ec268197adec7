package dev.tuna.cli.models;

import com.openai.client.OpenAIClient;
import com.openai.models.models.Model;
import dev.tuna.cli.client.ApiCommand;
import dev.tuna.cli.output.Human;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tuna models get ID}. */
@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        description = "Show one model.",
        footer = {"", "Examples:", "  tuna models get tuna-nano", "  tuna models get ft:tuna-nano:local:marv:abcd1234 --json"})
public final class GetCommand extends ApiCommand<Model> {
    @Parameters(paramLabel = "MODEL")
    String id;

    @Override
    protected Model request(OpenAIClient client) {
        return client.models().retrieve(id);
    }

    @Override
    protected void print(PrintWriter out, Model result) {
        out.println("id:        " + result.id());
        out.println("owned by:  " + result.ownedBy());
        out.println("created:   " + Human.epochSeconds(result.created()));
        result.shutdownDate().ifPresent(d -> out.println("shut down: " + d));
    }
}
