package dev.tuna.cli.serve;

import dev.tuna.cli.TunaHome;
import dev.tuna.cli.client.LocalServer;
import dev.tuna.data.TunaException;
import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna serve}: the local OpenAI-compatible server and its dashboard, in the foreground. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the local OpenAI-compatible server.",
            "",
            "It serves files, fine-tuning jobs that really train (tuna-nano, or LoRA on the checkpoints in the models "
                    + "folder), chat completions and models under /v1, the dashboard at /. Point any OpenAI SDK at "
                    + "http://HOST:PORT/v1. It runs until Ctrl-C or SIGTERM; a training job then writes a checkpoint "
                    + "and continues when the server starts again.",
        },
        footer = {
            "",
            "State: tuna.db (SQLite), files/ and jobs/ in the data folder.",
            "Environment: TUNA_HOME (default ~/.tuna) is the default data folder,",
            "TUNA_API_KEY the default --api-key.",
            "",
            "Examples:",
            "  tuna serve",
            "  tuna serve --port 9000 --data-dir /srv/tuna --models-dir ~/models",
            "  TUNA_API_KEY=sk-local tuna serve --host 0.0.0.0",
            "  OPENAI_BASE_URL=http://127.0.0.1:8321/v1 python my_openai_script.py",
            "  tuna serve --stop",
        })
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "H", defaultValue = ServerConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; other machines can reach it only if "
                    + "you bind 0.0.0.0 or a public address, then use --api-key).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the server keeps its state (default: $TUNA_HOME, else ~/.tuna).")
    Path dataDir;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "Hugging Face checkpoint folders offered as base models (default: the data folder's "
                    + "models/, where 'tuna models pull' puts them).")
    Path modelsDir;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Require 'Authorization: Bearer KEY' on every API call (default: $TUNA_API_KEY; none).")
    String apiKey;

    @Option(names = "--stop",
            description = "Stop the server that a tuna command started in the background when nothing answered "
                    + "at the local address (its pid is in the data folder's serve.pid), then exit.")
    boolean stop;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new TunaException("--port must be between 0 and 65535, got " + port);
        }
        Path data = dataDir != null ? dataDir : TunaHome.resolve();
        if (stop) {
            return stopBackground(data);
        }
        Path models = modelsDir != null ? modelsDir : data.resolve("models");
        String key = apiKey != null ? apiKey : System.getenv("TUNA_API_KEY");
        ServerConfig config = ServerConfig.of(data, models).withHost(host).withPort(port).withApiKey(key);
        TunaServer server = start(config);
        Thread stopper = new Thread(server::stop, "tuna-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper); // Ctrl-C and SIGTERM: the running job checkpoints first
        var out = spec.commandLine().getOut();
        String root = server.baseUrl().toString().replaceFirst("/v1$", "/");
        out.println("Data: " + data.toAbsolutePath() + "   Models: " + models.toAbsolutePath() + "   API key: "
                + (key == null || key.isBlank() ? "none" : "required"));
        out.println("Stop with Ctrl-C; a training job checkpoints and resumes on the next start.");
        out.println("Tuna server listening on " + server.baseUrl() + " (dashboard " + root + ")"); // last: scripts wait for it
        out.flush();
        server.awaitStop();
        return 0;
    }

    private int stopBackground(Path data) {
        LocalServer background = new LocalServer(data, host, port, List.of());
        var out = spec.commandLine().getOut();
        background.stop().ifPresentOrElse(
                pid -> out.println("Stopped the local server (pid " + pid + "); its log is " + background.logFile() + "."),
                () -> out.println("No background server is running for " + data.toAbsolutePath() + " (a server started "
                        + "with 'tuna serve' in a terminal stops with Ctrl-C)."));
        out.flush();
        return 0;
    }

    private static TunaServer start(ServerConfig config) throws IOException {
        try {
            return TunaServer.start(config);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new TunaException("cannot listen on " + config.host() + ":" + config.port() + ": "
                            + t.getMessage() + ". Is 'tuna serve' already running? Pick another port with --port.",
                            e);
                }
            }
            throw e;
        }
    }
}
