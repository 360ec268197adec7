package dev.tuna.cli.prepare;

import dev.tuna.data.prepare.PrepareOptions;
import dev.tuna.data.prepare.PrepareSummary;
import dev.tuna.data.prepare.SplitUnit;
import dev.tuna.data.prepare.SquadConverter;
import dev.tuna.data.prepare.Template;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code prepare korquad} and {@code prepare squad} share: both read the SQuAD layout. */
abstract class QaDatasetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "IN.json", description = "The dataset file (SQuAD layout: data → paragraphs → qas).")
    Path input;

    @Mixin
    OutputOptions output;

    @Option(names = "--template", paramLabel = "closed|context", defaultValue = "closed",
            description = "closed: user = the question (the tutorial's); context: user = the paragraph, a blank "
                    + "line, then the question (default: ${DEFAULT-VALUE}).")
    Template template;

    @Option(names = "--split-by", paramLabel = "article|paragraph", defaultValue = "article",
            description = "What a split keeps together, so no context is on both sides (default: ${DEFAULT-VALUE}).")
    SplitUnit splitBy;

    @Option(names = "--refusal", paramLabel = "TEXT",
            description = "Answer unanswerable (SQuAD v2.0) questions with TEXT instead of skipping them.")
    String refusal;

    @Override
    public Integer call() {
        if (splitBy == SplitUnit.ROW) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--split-by is article or paragraph for this dataset");
        }
        PrepareOptions options = output.toOptions().withTemplate(template).withRefusal(refusal)
                .withSplit(output.valFraction, output.seed, splitBy);
        PrepareSummary summary = SquadConverter.convert(input, output.output, output.validationOutput, options);
        SummaryText.print(spec.commandLine().getOut(), summary, options, output.json, "question");
        return 0;
    }
}
