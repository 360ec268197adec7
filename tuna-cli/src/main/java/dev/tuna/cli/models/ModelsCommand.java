package dev.tuna.cli.models;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tuna models ...}: base and fine-tuned models. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "Models: list, inspect and delete them on the backend; pull Hugging Face checkpoints for the "
                + "local one.",
        subcommands = {ListCommand.class, GetCommand.class, DeleteCommand.class, PullCommand.class},
        footer = {"", "Examples:", "  tuna models list", "  tuna models get tuna-nano",
            "  tuna models delete ft:tuna-nano:local:marv:abcd1234",
            "  tuna models pull HuggingFaceTB/SmolLM2-135M-Instruct"})
public final class ModelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
