package dev.tuna.cli;

import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real local server (Tuna's engine, SQLite in a temp folder) on a free loopback port, in this JVM. */
public final class LocalBackend implements AutoCloseable {
    private final TunaServer server;

    private LocalBackend(TunaServer server) {
        this.server = server;
    }

    public static LocalBackend start(Path dir) {
        return start(dir, null);
    }

    public static LocalBackend start(Path dir, String apiKey) {
        try {
            ServerConfig config = ServerConfig.of(dir.resolve("data"), dir.resolve("models")).withPort(0);
            return new LocalBackend(TunaServer.start(apiKey == null ? config : config.withApiKey(apiKey)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return server.baseUrl().toString();
    }

    /** Runs {@code tuna ARGS --base-url <this server>}. */
    public Cli.Result tuna(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--base-url");
        all.add(baseUrl());
        return Cli.run(all.toArray(String[]::new));
    }

    @Override
    public void close() {
        server.close();
    }
}
