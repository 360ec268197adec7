package dev.tuna.cli.validate;

import dev.tuna.data.TunaException;
import dev.tuna.data.validate.ModelProfile;
import dev.tuna.data.validate.ValidationReport;
import dev.tuna.data.validate.Validator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tuna validate FILE}: is this chat JSONL fit for fine-tuning, how many tokens, what would it cost. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check a chat fine-tuning JSONL file against every rule of OpenAI's format before you upload it.",
            "",
            "Each error names its line, its category (the cookbook's, e.g. missing_content) and how to fix "
                    + "it. Then: token statistics with the model's encoding (min, p50, p90, mean, max per example and "
                    + "for the assistant answers), the epoch count OpenAI would pick, billed tokens and the estimated "
                    + "cost. Warnings point at what hurts training without breaking the format (duplicates, empty "
                    + "system messages, blank or very long answers).",
        },
        footer = {
            "",
            "Exit codes: 0 valid (warnings allowed), 1 the file has errors, 2 the file cannot be read.",
            "",
            "Examples:",
            "  tuna validate dev.jsonl",
            "  tuna validate dev.jsonl --model gpt-3.5-turbo",
            "  tuna validate train.jsonl --json | jq .tokens",
        })
public final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The JSONL file: one {\"messages\": [...]} object per line.")
    Path file;

    @Option(names = "--model", paramLabel = "M", defaultValue = ModelProfile.DEFAULT_MODEL,
            description = "The model you will fine-tune: picks the token encoding, per-example limit and price "
                    + "(default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        ValidationReport report = Validator.validate(file, model);
        var out = spec.commandLine().getOut();
        out.print(json ? report.toJson() + System.lineSeparator() : ValidationText.render(report));
        out.flush();
        return report.valid() ? 0 : TunaException.INVALID_INPUT;
    }
}
