package dev.tuna.cli.prepare;

import picocli.CommandLine.Command;

/** {@code tuna prepare squad IN -o OUT}. */
@Command(
        name = "squad",
        mixinStandardHelpOptions = true,
        description = {
            "SQuAD v1.1 or v2.0 to chat JSONL.",
            "",
            "One example per question, keyed by id, with the first gold answer. v2.0's unanswerable questions "
                    + "are skipped (and counted), or answered with --refusal TEXT.",
        },
        footer = {
            "",
            "Examples:",
            "  tuna prepare squad dev-v1.1.json -o squad.jsonl",
            "  tuna prepare squad train-v2.0.json -o squad.jsonl --template context \\",
            "      --refusal \"The text does not say.\"",
        })
public final class SquadCommand extends QaDatasetCommand {
}
