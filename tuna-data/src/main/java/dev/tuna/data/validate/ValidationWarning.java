package dev.tuna.data.validate;

import java.util.List;

/**
 * Something that hurts training but does not break OpenAI's format, counted over the file.
 *
 * @param category what it is
 * @param count    how many examples have it
 * @param lines    the first few lines that have it (at most {@link Validator#SAMPLE_LINES}); empty for file-wide ones
 * @param message  a sentence for the user: what and why
 */
public record ValidationWarning(WarningCategory category, long count, List<Long> lines, String message) {
    public ValidationWarning {
        lines = List.copyOf(lines);
    }
}
