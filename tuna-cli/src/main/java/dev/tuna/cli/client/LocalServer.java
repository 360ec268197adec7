package dev.tuna.cli.client;

import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local server as a background process: started when a command finds nothing at the local default address,
 * stopped by {@code tuna serve --stop}. Its pid is kept in {@code serve.pid} and its output in {@code serve.log},
 * both in the data folder.
 */
public final class LocalServer {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final Path home;
    private final String host;
    private final int port;
    private final List<String> serveArgs;

    public LocalServer(Path home, String host, int port, List<String> serveArgs) {
        this.home = home;
        this.host = host;
        this.port = port;
        this.serveArgs = List.copyOf(serveArgs);
    }

    /** The server {@code tuna serve} runs by default: 127.0.0.1:8321 with its state in {@code home}. */
    public static LocalServer atDefaultAddress(Path home) {
        return new LocalServer(home, "127.0.0.1", 8321, List.of());
    }

    public Path pidFile() {
        return home.resolve("serve.pid");
    }

    public Path logFile() {
        return home.resolve("serve.log");
    }

    /** Something accepts TCP connections at the address (a cheap probe before any HTTP). */
    public boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the server in the background unless something already answers; says so on {@code err}. */
    public void ensureRunning(PrintWriter err) {
        if (answers()) {
            return;
        }
        long pid = start();
        err.println("tuna: nothing answered at http://" + host + ":" + port + "/v1, so the local server was started in"
                + " the background (pid " + pid + ", log " + logFile() + "); 'tuna serve --stop' stops it.");
        err.flush();
    }

    /** Starts {@code tuna serve} detached from this terminal, waits until it accepts connections, returns its pid. */
    public long start() {
        try {
            Files.createDirectories(home);
            Process p = new ProcessBuilder(command())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .redirectErrorStream(true)
                    .start();
            writePid(p.pid());
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!answers()) {
                if (!p.isAlive()) {
                    Files.deleteIfExists(pidFile());
                    throw new TunaException("the local server could not be started (exit code " + p.exitValue()
                            + "); see " + logFile() + ", or run 'tuna serve' yourself");
                }
                if (System.nanoTime() > deadline) {
                    throw new TunaException("the local server started (pid " + p.pid() + ") but did not answer on port "
                            + port + " within " + START_TIMEOUT.toSeconds() + " s; see " + logFile());
                }
                Thread.sleep(200);
            }
            return p.pid();
        } catch (IOException e) {
            throw new TunaException("cannot start the local server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunaException("interrupted while starting the local server");
        }
    }

    /**
     * Stops the server this data folder's pid file names. Returns its pid, or empty when none was running (a stale
     * pid file, e.g. after a reboot, is removed).
     */
    public Optional<Long> stop() {
        Optional<Long> pid = readPid();
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive).filter(LocalServer::isTunaServe);
        try {
            if (handle.isPresent()) {
                ProcessHandle h = handle.get();
                h.destroy();
                try {
                    h.onExit().get(STOP_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                } catch (java.util.concurrent.ExecutionException e) {
                    // onExit does not fail; the process is gone either way
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new TunaException("cannot remove " + pidFile() + ": " + e.getMessage(), e);
        }
        return handle.map(ProcessHandle::pid);
    }

    /** Guards against a recycled pid: only a JVM running Tuna's serve command is stopped. */
    private static boolean isTunaServe(ProcessHandle h) {
        return h.info().arguments().map(args -> List.of(args).contains("dev.tuna.cli.Main") && List.of(args).contains("serve"))
                .orElse(true);
    }

    private Optional<Long> readPid() {
        try {
            if (!Files.isRegularFile(pidFile())) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(pidFile()).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void writePid(long pid) throws IOException {
        AtomicFiles.writeString(pidFile(), pid + "\n");
    }

    /** This same JVM and class path running {@code tuna serve}, in its own session so Ctrl-C here does not stop it. */
    List<String> command() {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid");
        }
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.tuna.cli.Main", "serve",
                "--host", host, "--port", Integer.toString(port), "--data-dir", home.toAbsolutePath().toString()));
        cmd.addAll(serveArgs);
        return cmd;
    }
}
