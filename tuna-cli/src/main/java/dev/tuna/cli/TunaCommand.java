package dev.tuna.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code tuna <command>}. Each subcommand is its own class in its own package. */
@Command(
        name = "tuna",
        mixinStandardHelpOptions = true,
        versionProvider = TunaVersion.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "The OpenAI fine-tuning workflow: prepare and validate chat data, upload it, fine-tune,",
            "chat with the result and evaluate it, against OpenAI or a local server that really trains.",
            ""
        },
        subcommands = {
            dev.tuna.cli.prepare.PrepareCommand.class,
            dev.tuna.cli.validate.ValidateCommand.class,
            dev.tuna.cli.files.FilesCommand.class,
            dev.tuna.cli.jobs.JobsCommand.class,
            dev.tuna.cli.chat.ChatCommand.class,
            dev.tuna.cli.models.ModelsCommand.class,
            dev.tuna.cli.bench.BenchCommand.class,
            dev.tuna.cli.eval.EvalCommand.class,
            dev.tuna.cli.score.ScoreCommand.class,
            picocli.CommandLine.HelpCommand.class,
        },
        footer = {
            "",
            "Run 'tuna COMMAND --help' for a command's options and examples.",
            "Exit codes: 0 success, 1 input judged bad (validation errors, failed job), 2 usage or I/O error.",
        })
public final class TunaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
