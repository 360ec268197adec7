package dev.tuna.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.Main;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code tuna} commands inside this process against one backend, echoing each command line first: the demo
 * shows the very commands a user would type, and runs them through the same code and HTTP API.
 */
final class TunaInProcess {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final PrintWriter out;
    private final PrintWriter err;

    TunaInProcess(String baseUrl, PrintWriter out, PrintWriter err) {
        this.baseUrl = baseUrl;
        this.out = out;
        this.err = err;
    }

    /** Runs the command with its output shown; a non-zero exit code other than {@code allowed} stops the demo. */
    int show(List<String> args, int... allowed) {
        echo(args);
        int code = execute(withBackend(args), out, err);
        check(args, code, allowed);
        out.println();
        return code;
    }

    /** Runs the command with {@code --json} appended and returns the parsed output (echoing the command). */
    JsonNode json(List<String> args) {
        echo(args);
        StringWriter buffer = new StringWriter();
        List<String> full = new ArrayList<>(withBackend(args));
        full.add("--json");
        int code = execute(full, new PrintWriter(buffer, true), err);
        check(args, code);
        try {
            return JSON.readTree(buffer.toString());
        } catch (IOException e) {
            throw new TunaException("demo: 'tuna " + String.join(" ", args) + " --json' printed no JSON: " + buffer, e);
        }
    }

    private List<String> withBackend(List<String> args) {
        if (!talksToBackend(args.get(0))) {
            return args;
        }
        List<String> full = new ArrayList<>(args);
        full.add("--base-url");
        full.add(baseUrl);
        return full;
    }

    private static boolean talksToBackend(String command) {
        return switch (command) {
            case "prepare", "validate" -> false;
            default -> true;
        };
    }

    private void echo(List<String> args) {
        StringBuilder line = new StringBuilder("$ tuna");
        for (String a : args) {
            line.append(' ').append(quote(a));
        }
        out.println(line);
        out.flush();
    }

    private static int execute(List<String> args, PrintWriter out, PrintWriter err) {
        CommandLine cli = Main.newCommandLine();
        cli.setOut(out);
        cli.setErr(err);
        int code = cli.execute(args.toArray(String[]::new));
        out.flush();
        err.flush();
        return code;
    }

    private static void check(List<String> args, int code, int... allowed) {
        if (code == 0) {
            return;
        }
        for (int a : allowed) {
            if (a == code) {
                return;
            }
        }
        throw new TunaException("demo: 'tuna " + String.join(" ", args) + "' failed with exit code " + code
                + " (its message is above)", code, null);
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-_./:=,@%+".indexOf(c) >= 0))) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
