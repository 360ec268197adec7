package dev.tuna.cli;

import com.openai.errors.OpenAIException;
import dev.tuna.cli.client.ApiErrors;
import dev.tuna.cli.client.Backend;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one clear line on stderr and an exit code.
 * A stack trace is printed only with {@code --debug} (or TUNA_DEBUG=1) or for bugs (unexpected exceptions).
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        var err = cli.getErr();
        boolean debug = debugRequested(parsed);
        Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (cause instanceof OpenAIException api) {
            cause = ApiErrors.explain(api, backendOf(parsed));
        }
        int code;
        if (cause instanceof TunaException t) {
            err.println("tuna: " + t.getMessage());
            code = t.exitCode();
        } else if (cause instanceof NoSuchFileException e) {
            err.println("tuna: " + e.getFile() + ": no such file or directory");
            code = TunaException.USAGE_OR_IO;
        } else if (cause instanceof AccessDeniedException e) {
            err.println("tuna: " + e.getFile() + ": permission denied");
            code = TunaException.USAGE_OR_IO;
        } else if (cause instanceof IOException e) {
            err.println("tuna: I/O error: " + e.getMessage());
            code = TunaException.USAGE_OR_IO;
        } else {
            err.println("tuna: internal error: " + cause + " (please report it; run again with --debug for details)");
            code = TunaException.USAGE_OR_IO;
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The backend the failing command talked to, found through its {@link BackendOptions} mixin. */
    private static Backend backendOf(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (var mixin : p.commandSpec().mixins().values()) {
                if (mixin.userObject() instanceof BackendOptions b && b.resolvedOrNull() != null) {
                    return b.resolvedOrNull();
                }
            }
        }
        return new Backend("the backend", null, "unknown");
    }

    private static boolean debugRequested(ParseResult parsed) {
        if ("1".equals(System.getenv("TUNA_DEBUG"))) {
            return true;
        }
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.originalArgs().contains("--debug")) {
                return true;
            }
        }
        return false;
    }
}
