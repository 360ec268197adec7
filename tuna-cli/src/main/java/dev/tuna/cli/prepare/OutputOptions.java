package dev.tuna.cli.prepare;

import dev.tuna.data.prepare.PrepareOptions;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every {@code prepare} subcommand shares: where to write, system message, dedupe, limit, split. */
final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.jsonl",
            description = "The JSONL file to write (the training file, with a split). Written atomically.")
    Path output;

    @Option(names = "--system", paramLabel = "TEXT",
            description = "A system message for every example (default: none; \"\" writes an empty one, as the "
                    + "tutorial does, which validate flags as useless).")
    String system;

    @Option(names = "--dedupe", description = "Drop examples whose question repeats an earlier one (default: keep "
            + "them and list them).")
    boolean dedupe;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
            description = "Write at most N examples (default: all).")
    long limit;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0",
            description = "Put this share of the examples (0 < F < 1) in a validation file, whole groups at a time.")
    double valFraction;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the split: the same seed and input give the same split (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--val-output", paramLabel = "VAL.jsonl",
            description = "Where the validation examples go (default: OUT.val.jsonl next to OUT.jsonl).")
    Path validationOutput;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    PrepareOptions toOptions() {
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be 0 (no limit) or more, not " + limit);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new ParameterException(spec.commandLine(),
                    "--val-fraction must be at least 0 and below 1 (e.g. 0.1), not " + valFraction);
        }
        if (validationOutput != null && valFraction == 0) {
            throw new ParameterException(spec.commandLine(), "--val-output needs --val-fraction");
        }
        return PrepareOptions.defaults().withSystem(system).withDedupe(dedupe).withLimit(limit);
    }
}
