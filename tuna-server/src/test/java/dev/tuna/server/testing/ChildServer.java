package dev.tuna.server.testing;

import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A server in its own JVM, for crash tests: {@code ChildServer DATA_DIR PORT_FILE STEP_MILLIS}, where STEP_MILLIS
 * {@code engine} runs Tuna's real engine and a number the scripted trainer. It writes its port to PORT_FILE once
 * listening and runs until killed.
 */
public final class ChildServer {
    private ChildServer() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        ServerConfig config = ServerConfig.of(data, data.resolve("models")).withPort(0);
        TunaServer server = args[2].equals("engine") ? TunaServer.start(config)
                : TunaServer.start(config, new ScriptedTrainer(Long.parseLong(args[2])), new WordModels());
        Path tmp = Path.of(args[1] + ".tmp");
        Files.writeString(tmp, Integer.toString(server.port()));
        Files.move(tmp, Path.of(args[1]), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        server.awaitStop();
    }
}
