package dev.tuna.cli.prepare;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tuna prepare ...}: datasets to OpenAI chat fine-tuning JSONL. */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description = {
            "Turn a question-answering dataset into OpenAI chat fine-tuning JSONL.",
            "",
            "One {\"messages\": [...]} line per question, UTF-8 with Korean as text. Nothing is dropped "
                    + "silently: the summary counts what was skipped and why, and names repeated questions.",
        },
        subcommands = {KorquadCommand.class, SquadCommand.class, PairsCommand.class},
        footer = {
            "",
            "Examples:",
            "  tuna prepare korquad data/korquad/KorQuAD_v1.0_dev.json -o dev.jsonl",
            "  tuna prepare squad dev-v2.0.json -o squad.jsonl --template context",
            "  tuna prepare pairs faq.csv -o faq.jsonl --question-field q --answer-field a",
        })
public final class PrepareCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
