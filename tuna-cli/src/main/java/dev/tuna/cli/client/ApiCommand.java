package dev.tuna.cli.client;

import com.openai.client.OpenAIClient;
import dev.tuna.cli.output.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that makes one request to the backend and prints what came back: the API's own JSON with
 * {@code --json} (for scripts and jq), a few lines for people otherwise. Subclasses say what to ask and how to
 * show it; connecting, the backend options and the JSON switch are here once.
 */
public abstract class ApiCommand<T> implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected BackendOptions backend;

    @Option(names = "--json", description = "Print the backend's response as JSON.")
    protected boolean json;

    protected abstract T request(OpenAIClient client);

    /** The result for people. */
    protected abstract void print(PrintWriter out, T result);

    /** What --json prints: the SDK's object itself unless a command wraps it. */
    protected Object json(T result) {
        return result;
    }

    /** 0 unless the result says the request did not do what it asked (e.g. a delete the backend refused). */
    protected int exitCode(T result) {
        return 0;
    }

    @Override
    public final Integer call() {
        try (Api api = backend.connect()) {
            T result = request(api.client());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Json.print(out, json(result));
            } else {
                print(out, result);
                out.flush();
            }
            return exitCode(result);
        }
    }
}
