package dev.tuna.cli.files;

import com.openai.core.http.HttpResponse;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.cli.output.Human;
import dev.tuna.data.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna files content ID [-o OUT]}. */
@Command(
        name = "content",
        mixinStandardHelpOptions = true,
        description = "Download a file's content to standard output or to a file (e.g. a job's step_metrics.csv).",
        footer = {
            "",
            "Examples:",
            "  tuna files content file-abc123",
            "  tuna files content file-abc123 -o step_metrics.csv",
        })
public final class ContentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Parameters(paramLabel = "FILE_ID")
    String id;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write to this file instead of standard output.")
    Path output;

    @Override
    public Integer call() throws IOException {
        byte[] bytes;
        try (Api api = backend.connect(); HttpResponse response = api.client().files().content(id)) {
            bytes = undoBase64(response.body().readAllBytes());
        }
        var out = spec.commandLine().getOut();
        if (output == null) {
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
        Files.createDirectories(output.toAbsolutePath().getParent());
        AtomicFiles.write(output, bytes);
        spec.commandLine().getErr().println("Wrote " + Human.bytes(bytes.length) + " to " + output + ".");
        spec.commandLine().getErr().flush();
        return 0;
    }

    /**
     * OpenAI has been seen to return fine-tuning result files base64-encoded. A body that is one line of pure base64
     * and decodes to text with a line break is returned decoded; anything else is returned as it came.
     */
    static byte[] undoBase64(byte[] body) {
        String s = new String(body, StandardCharsets.US_ASCII).strip();
        if (s.isEmpty() || s.length() % 4 != 0 || !s.matches("[A-Za-z0-9+/]+={0,2}")) {
            return body;
        }
        byte[] decoded = Base64.getDecoder().decode(s);
        String text = new String(decoded, StandardCharsets.UTF_8);
        return text.contains("\n") && !text.contains("\uFFFD") ? decoded : body;
    }
}
