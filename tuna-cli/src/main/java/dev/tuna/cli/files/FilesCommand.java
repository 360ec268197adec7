package dev.tuna.cli.files;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tuna files ...}: the OpenAI Files API. */
@Command(
        name = "files",
        mixinStandardHelpOptions = true,
        description = "Files on the backend: upload training data, list, inspect, download and delete files.",
        subcommands = {UploadCommand.class, ListCommand.class, GetCommand.class, ContentCommand.class, DeleteCommand.class},
        footer = {
            "",
            "Examples:",
            "  tuna files upload train.jsonl",
            "  tuna files list --purpose fine-tune",
            "  tuna files content file-abc123 -o step_metrics.csv",
            "  tuna files delete file-abc123",
        })
public final class FilesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
