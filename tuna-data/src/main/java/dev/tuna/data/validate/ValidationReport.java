package dev.tuna.data.validate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * The verdict on a chat fine-tuning file: its errors (each with line, category, message and fix), warnings, counts,
 * token statistics and what training it on OpenAI would bill. {@link #toJson()} gives it as one JSON object.
 *
 * @param file         the file as given
 * @param model        the model it was checked for
 * @param bytes        file size
 * @param lines        lines read (blank ones included)
 * @param examples     non-blank lines, each meant to be one example (OpenAI's count)
 * @param errorCount   all errors, also those beyond the reported list
 * @param errorCounts  errors per category (wire names)
 * @param errors       the first {@link Validator#MAX_REPORTED_ERRORS} errors, in line order
 * @param warnings     one entry per kind of warning
 * @param tokens       token statistics over the well-formed examples
 * @param cost         default epochs, billed tokens and estimated cost, over the well-formed examples
 */
@JsonPropertyOrder({"file", "valid", "openai_error_code", "model", "bytes", "lines", "examples", "error_count",
    "error_counts", "errors", "warnings", "tokens", "cost"})
public record ValidationReport(String file, ModelProfile model, long bytes, long lines, long examples,
                               long errorCount, Map<String, Long> errorCounts, List<ValidationError> errors,
                               List<ValidationWarning> warnings, TokenStats tokens, CostEstimate cost) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public ValidationReport {
        errorCounts = Map.copyOf(errorCounts);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when the file has no errors (warnings allowed): OpenAI would accept it. */
    @JsonProperty("valid")
    public boolean valid() {
        return errorCount == 0;
    }

    /**
     * The error code an OpenAI fine-tuning job fails with on this file: {@code invalid_n_examples} when too few
     * examples are all that is wrong, {@code invalid_file_format} otherwise; {@code null} for a valid file.
     */
    @JsonProperty("openai_error_code")
    public String openAiErrorCode() {
        if (valid()) {
            return null;
        }
        boolean onlyTooFew = errorCounts.size() == 1
                && errorCounts.containsKey(ErrorCategory.TOO_FEW_EXAMPLES.wireName());
        return onlyTooFew ? "invalid_n_examples" : "invalid_file_format";
    }

    /** A one-sentence reason for a failed job, naming the first error; {@code null} for a valid file. */
    public String failureMessage() {
        if (valid()) {
            return null;
        }
        if ("invalid_n_examples".equals(openAiErrorCode())) {
            return "Training file " + file + " has " + examples + " example(s), but must have at least "
                    + Validator.MIN_EXAMPLES + " examples";
        }
        ValidationError first = errors.getFirst();
        String more = errorCount > 1 ? " (and " + (errorCount - 1) + " more error" + (errorCount > 2 ? "s" : "")
                + ")" : "";
        return "Invalid file format in " + file + ": " + first + more + ". " + first.fix();
    }

    /** The report as one JSON object (snake_case keys, indented). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validation report must always serialise", e);
        }
    }
}
