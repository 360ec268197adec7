package dev.tuna.cli.jobs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tuna jobs ...}: the OpenAI fine-tuning jobs API. */
@Command(
        name = "jobs",
        mixinStandardHelpOptions = true,
        description = "Fine-tuning jobs: create one from a JSONL file, follow it, list its checkpoints, cancel, pause "
                + "or resume it.",
        subcommands = {CreateCommand.class, ListCommand.class, GetCommand.class, EventsCommand.class,
            CheckpointsCommand.class, CancelCommand.class, PauseCommand.class, ResumeCommand.class, WaitCommand.class},
        footer = {
            "",
            "Examples:",
            "  tuna jobs create --model tuna-nano --training-file train.jsonl --wait",
            "  tuna jobs list",
            "  tuna jobs events ftjob-abc123 --follow",
            "  tuna jobs wait ftjob-abc123 && echo trained",
            "  tuna jobs cancel ftjob-abc123",
        })
public final class JobsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
