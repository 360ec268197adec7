package dev.tuna.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalServerTest {
    @TempDir
    Path home;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void somethingAlreadyListeningIsLeftAlone() throws IOException {
        try (FakeOpenAi running = new FakeOpenAi()) {
            LocalServer server = new LocalServer(home, "127.0.0.1", running.port(), List.of());
            StringWriter err = new StringWriter();
            server.ensureRunning(new PrintWriter(err));
            assertThat(server.answers()).isTrue();
            assertThat(err.toString()).isEmpty();
            assertThat(server.pidFile()).doesNotExist();
        }
    }

    @Test
    void aServerThatCannotStartIsReportedWithItsLog() throws IOException {
        // An option 'tuna serve' does not have makes the child exit at once.
        LocalServer server = new LocalServer(home, "127.0.0.1", freePort(), List.of("--no-such-option"));
        var thrown = org.assertj.core.api.Assertions.catchThrowable(server::start);
        assertThat(thrown).hasMessageContaining("the local server could not be started")
                .hasMessageContaining(home.resolve("serve.log").toString());
        assertThat(server.pidFile()).doesNotExist();
        assertThat(Files.readString(server.logFile())).contains("no-such-option");
    }

    @Test
    void startsTunaServeInTheBackgroundThenServeStopStopsIt() throws Exception {
        int port = freePort();
        LocalServer server = new LocalServer(home, "127.0.0.1", port, List.of());
        StringWriter err = new StringWriter();
        server.ensureRunning(new PrintWriter(err));
        try {
            assertThat(err.toString()).startsWith("tuna: nothing answered at http://127.0.0.1:" + port + "/v1, so the local"
                    + " server was started in the background (pid ").contains("log " + home.resolve("serve.log"))
                    .contains("'tuna serve --stop' stops it");
            long pid = Long.parseLong(Files.readString(server.pidFile()).strip());
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            Cli.Result models = Cli.run("models", "list", "--base-url", "http://127.0.0.1:" + port + "/v1");
            assertThat(models.exit()).as(models.toString()).isZero();
            assertThat(models.out()).contains("tuna-nano");
            assertThat(Files.readString(server.logFile())).contains("Tuna server listening on http://127.0.0.1:" + port);

            Cli.Result stopped = Cli.run("serve", "--stop", "--data-dir", home.toString(), "--port", Integer.toString(port));
            assertThat(stopped.exit()).as(stopped.toString()).isZero();
            assertThat(stopped.out()).startsWith("Stopped the local server (pid " + pid + ")");
            assertThat(server.answers()).isFalse();
            assertThat(server.pidFile()).doesNotExist();
            assertThat(Cli.run("serve", "--stop", "--data-dir", home.toString()).out()).startsWith("No background server is running");
        } finally {
            server.stop();
        }
    }

    @Test
    void stopWithoutAPidFileOrWithAStaleOneStopsNothing() throws IOException {
        LocalServer server = new LocalServer(home, "127.0.0.1", freePort(), List.of());
        assertThat(server.stop()).isEmpty();
        Files.writeString(server.pidFile(), "999999999\n");
        assertThat(server.stop()).isEmpty();
        assertThat(server.pidFile()).as("stale pid file removed").doesNotExist();
    }

    @Test
    void stopNeverKillsAProcessThatIsNotTunaServe() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            LocalServer server = new LocalServer(home, "127.0.0.1", freePort(), List.of());
            Files.writeString(server.pidFile(), sleeper.pid() + "\n");
            assertThat(server.stop()).isEmpty();
            assertThat(sleeper.isAlive()).isTrue();
        } finally {
            sleeper.destroy();
            sleeper.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
