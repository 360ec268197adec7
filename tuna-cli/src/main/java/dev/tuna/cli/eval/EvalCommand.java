package dev.tuna.cli.eval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tuna eval ...}: score predictions with the official metrics, or run models over questions and report. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Measure answers: official KorQuAD 1.0 / SQuAD v1.1 EM and F1 of a predictions file (score), "
                + "or ask models every question of a dataset and compare them in a report (run).",
        footer = {
            "",
            "Examples:",
            "  tuna eval score --dataset dev.json --predictions pred.json",
            "  tuna eval run --models tuna-nano,ft:tuna-nano:local:kq:abc123 \\",
            "      --dataset train.jsonl --report report.html",
        },
        subcommands = {ScoreCommand.class, RunCommand.class})
public final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
