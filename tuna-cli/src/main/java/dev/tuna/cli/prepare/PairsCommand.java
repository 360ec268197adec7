package dev.tuna.cli.prepare;

import dev.tuna.data.prepare.PairsConverter;
import dev.tuna.data.prepare.PairsFormat;
import dev.tuna.data.prepare.PrepareOptions;
import dev.tuna.data.prepare.PrepareSummary;
import dev.tuna.data.prepare.SplitUnit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna prepare pairs IN -o OUT --question-field Q --answer-field A}. */
@Command(
        name = "pairs",
        mixinStandardHelpOptions = true,
        description = {
            "Your own question/answer table to chat JSONL.",
            "",
            "A CSV or TSV file with a header row, or JSONL objects. Each row becomes one example: user = the "
                    + "question column, assistant = the answer column (trimmed). Rows with an empty question or answer "
                    + "are skipped and counted.",
        },
        footer = {
            "",
            "Examples:",
            "  tuna prepare pairs faq.csv -o faq.jsonl --question-field question \\",
            "      --answer-field answer",
            "  tuna prepare pairs qa.tsv -o qa.jsonl --question-field Q --answer-field A \\",
            "      --system \"Answer briefly.\"",
            "  tuna prepare pairs old.jsonl -o chat.jsonl --question-field prompt \\",
            "      --answer-field completion",
        })
public final class PairsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN", description = "The table: .csv, .tsv or .jsonl (or give --format).")
    Path input;

    @Mixin
    OutputOptions output;

    @Option(names = "--question-field", required = true, paramLabel = "Q", description = "The question's column.")
    String questionField;

    @Option(names = "--answer-field", required = true, paramLabel = "A", description = "The answer's column.")
    String answerField;

    @Option(names = "--format", paramLabel = "csv|tsv|jsonl",
            description = "The table's format (default: from the file name).")
    PairsFormat format;

    @Override
    public Integer call() {
        PrepareOptions options = output.toOptions().withSplit(output.valFraction, output.seed, SplitUnit.ROW);
        PairsFormat f = format != null ? format : PairsFormat.of(input);
        PrepareSummary summary = PairsConverter.convert(input, f, questionField, answerField, output.output,
                output.validationOutput, options);
        SummaryText.print(spec.commandLine().getOut(), summary, options, output.json, "row");
        return 0;
    }
}
