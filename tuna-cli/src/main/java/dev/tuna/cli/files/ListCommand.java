package dev.tuna.cli.files;

import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna files list}. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "List files, newest first.",
        footer = {
            "",
            "Examples:",
            "  tuna files list",
            "  tuna files list --purpose fine-tune-results --limit 5",
            "  tuna files list --json | jq -r '.data[].id'",
        })
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Option(names = "--purpose", description = "Only files with this purpose (e.g. fine-tune, fine-tune-results).")
    String purpose;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many files (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print {\"object\":\"list\",\"data\":[...]} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        try (Api api = backend.connect()) {
            var params = FileListParams.builder().limit(Math.min(limit, 10_000));
            if (purpose != null) {
                params.purpose(purpose);
            }
            List<FileObject> files = api.client().files().list(params.build()).autoPager().stream().limit(limit).toList();
            var out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> list = new LinkedHashMap<>();
                list.put("object", "list");
                list.put("data", files);
                Json.print(out, list);
            } else if (files.isEmpty()) {
                out.println("No files" + (purpose == null ? "" : " with purpose " + purpose) + " at " + api.backend().baseUrl()
                        + ". Upload one with 'tuna files upload FILE'.");
                out.flush();
            } else {
                FileView.table(out, files);
            }
        }
        return 0;
    }
}
