package dev.tuna.cli.files;

import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Human;
import dev.tuna.cli.output.Json;
import dev.tuna.data.TunaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna files upload FILE}. */
@Command(
        name = "upload",
        mixinStandardHelpOptions = true,
        description = "Upload a file (JSONL chat data for fine-tuning) and print its id.",
        footer = {
            "",
            "'tuna jobs create --training-file train.jsonl' validates and uploads",
            "in one go.",
            "",
            "Examples:",
            "  tuna files upload train.jsonl",
            "  tuna files upload val.jsonl --json | jq -r .id",
            "  tuna files upload batch.jsonl --purpose batch --profile openai",
        })
public final class UploadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "FILE", description = "The file to upload.")
    Path file;

    @Option(names = "--purpose", defaultValue = "fine-tune",
            description = "fine-tune, batch, assistants, vision, user_data or evals (default: ${DEFAULT-VALUE}).")
    String purpose;

    @Option(names = "--json", description = "Print the file object as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new TunaException(file + ": no such file");
        }
        try (Api api = backend.connect()) {
            FileObject f = api.client().files().create(FileCreateParams.builder().file(file).purpose(FilePurpose.of(purpose)).build());
            var out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, f);
            } else {
                out.printf("Uploaded %s as %s (%s, purpose %s, %s).%n", file.getFileName(), f.id(), Human.bytes(f.bytes()),
                        f.purpose().asString(), f.status().asString());
                out.flush();
            }
        }
        return 0;
    }
}
