package dev.tuna.cli;

import dev.tuna.data.TunaException;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A mistyped command line: one line saying what is wrong, a hint where picocli has one, exit code 2. */
final class UsageErrorReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        var err = cli.getErr();
        err.println("tuna: " + ex.getMessage());
        if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
            err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
        }
        err.flush();
        return TunaException.USAGE_OR_IO;
    }
}
