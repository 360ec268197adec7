package dev.tuna.cli.client;

import dev.tuna.cli.TunaHome;
import dev.tuna.data.TunaException;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command that talks to a backend shares (a picocli mixin), and the connection they lead to. */
public final class BackendOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--base-url", paramLabel = "URL", order = 100,
            description = "API base URL, e.g. https://api.openai.com/v1 (default: the profile's, else TUNA_BASE_URL, "
                    + "else OPENAI_BASE_URL, else the local server " + Backend.LOCAL_DEFAULT_URL + ").")
    String baseUrl;

    @Option(names = "--api-key", paramLabel = "KEY", order = 101,
            description = "API key (default: the profile's, else TUNA_API_KEY, else OPENAI_API_KEY).")
    String apiKey;

    @Option(names = "--profile", paramLabel = "NAME", order = 102,
            description = "A backend named in $TUNA_HOME/config.toml, or the built-in 'local' and 'openai' "
                    + "(default: TUNA_PROFILE).")
    String profile;

    @Option(names = "--debug", order = 103, description = "Print stack traces with errors.")
    boolean debug;

    private Backend backend;

    /** The backend these options (and the environment) select; resolved once. */
    public Backend backend() {
        if (backend == null) {
            backend = new BackendResolver(System.getenv(), TunaHome.resolve()).resolve(baseUrl, apiKey, profile);
        }
        return backend;
    }

    /** The backend chosen so far, or null if resolution has not happened (or failed). */
    public Backend resolvedOrNull() {
        return backend;
    }

    /**
     * Connects to the backend. OpenAI without a key is refused here, before any request; the local default is
     * started in the background when nothing answers there (unless TUNA_NO_AUTOSTART=1).
     */
    public Api connect() {
        Backend b = backend();
        if (b.isOpenAi() && b.apiKey() == null) {
            throw new TunaException("no API key for OpenAI (" + b.baseUrl() + ", from " + b.source()
                    + "): set OPENAI_API_KEY, pass --api-key KEY, or set api_key_env/api_key in a profile in "
                    + BackendResolver.configFile(TunaHome.resolve()));
        }
        if (b.isLocalDefault() && !"1".equals(System.getenv("TUNA_NO_AUTOSTART"))) {
            LocalServer.atDefaultAddress(TunaHome.resolve()).ensureRunning(err());
        }
        return Api.open(b);
    }

    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }
}
