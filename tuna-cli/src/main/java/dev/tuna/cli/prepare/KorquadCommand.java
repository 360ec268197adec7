package dev.tuna.cli.prepare;

import picocli.CommandLine.Command;

/** {@code tuna prepare korquad IN -o OUT}. */
@Command(
        name = "korquad",
        mixinStandardHelpOptions = true,
        description = {
            "KorQuAD 1.0 to chat JSONL.",
            "",
            "Every question becomes one example keyed by its id (the dev set gives all 5,774; its 10 repeated "
                    + "question strings are listed, and dropped only with --dedupe). The answer is the first gold "
                    + "answer; questions and answers are trimmed.",
        },
        footer = {
            "",
            "Examples:",
            "  tuna prepare korquad data/korquad/KorQuAD_v1.0_dev.json -o dev.jsonl",
            "  tuna prepare korquad KorQuAD_v1.0_dev.json -o dev.jsonl --dedupe --system \"\"",
            "  tuna prepare korquad dev.json -o train.jsonl --val-fraction 0.1 --seed 42",
            "  tuna prepare korquad dev.json -o ctx.jsonl --template context --limit 500",
        })
public final class KorquadCommand extends QaDatasetCommand {
}
