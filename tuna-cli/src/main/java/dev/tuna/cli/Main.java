package dev.tuna.cli;

import picocli.CommandLine;

/** Entry point of the {@code tuna} command line (started by the {@code ./tuna} launcher). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        return newCommandLine().execute(args);
    }

    /** The configured command line (error handlers included); tests set its out/err and execute it. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new TunaCommand());
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(new UsageErrorReporter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        return cli;
    }
}
