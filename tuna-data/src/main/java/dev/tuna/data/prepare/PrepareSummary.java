package dev.tuna.data.prepare;

import java.util.List;
import java.util.Map;

/**
 * What a conversion did: nothing is dropped without being counted here.
 *
 * @param input          the input file
 * @param format         e.g. "KorQuAD_v1.0_dev" (the dataset's version string) or "csv"
 * @param read           questions (or rows) read
 * @param written        examples written, train and validation together
 * @param skipped        examples not written, by reason
 * @param duplicates     repeated user messages (kept, or dropped with {@code dedupe})
 * @param deduped        whether repeats were dropped
 * @param train          the training file
 * @param trainExamples  examples in it
 * @param validation     the validation file, or {@code null} without a split
 * @param validationExamples examples in it
 * @param validationGroups  articles, paragraphs or rows in the validation file (0 without a split)
 * @param groups         articles, paragraphs or rows that gave examples
 */
public record PrepareSummary(String input, String format, long read, long written, Map<String, Long> skipped,
                             List<Duplicate> duplicates, boolean deduped, String train, long trainExamples,
                             String validation, long validationExamples, long validationGroups, long groups) {
    public PrepareSummary {
        skipped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skipped));
        duplicates = List.copyOf(duplicates);
    }

    /** Examples whose user message repeats an earlier one (beyond the first occurrence of each). */
    public long repeats() {
        return duplicates.stream().mapToLong(d -> d.ids().size() - 1).sum();
    }
}
