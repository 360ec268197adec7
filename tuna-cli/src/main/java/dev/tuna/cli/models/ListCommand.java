package dev.tuna.cli.models;

import com.openai.models.models.Model;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Json;
import dev.tuna.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna models list}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List the models the backend offers: base models and your fine-tuned ones.",
        footer = {"", "Examples:", "  tuna models list", "  tuna models list --fine-tuned",
            "  tuna models list --json | jq -r '.data[].id'"})
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Option(names = "--fine-tuned", description = "Only fine-tuned models (ids starting with ft:).")
    boolean fineTunedOnly;

    @Option(names = "--json", description = "Print {\"object\":\"list\",\"data\":[...]} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            List<Model> models = api.client().models().list().autoPager().stream()
                    .filter(m -> !fineTunedOnly || m.id().startsWith("ft:")).toList();
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> list = new LinkedHashMap<>();
                list.put("object", "list");
                list.put("data", models);
                Json.print(out, list);
            } else if (models.isEmpty()) {
                out.println("No " + (fineTunedOnly ? "fine-tuned " : "") + "models at " + api.backend().baseUrl() + ".");
                out.flush();
            } else {
                Table t = new Table("ID", "OWNED BY", "CREATED");
                models.forEach(m -> t.row(m.id(), m.ownedBy(), Human.epochSeconds(m.created())));
                t.print(out);
            }
        }
        return 0;
    }
}
