package dev.tuna.data.jsonl;

/**
 * Why a line's bytes could not be turned into text.
 *
 * @param kind   what is wrong
 * @param column the 1-based byte position in the line where it went wrong (for {@link Kind#TOO_LONG}: the limit)
 */
public record LineProblem(Kind kind, long column) {
    public enum Kind {
        /** The bytes are not valid UTF-8. */
        INVALID_UTF8,
        /** A NUL byte: the file is binary, not text. */
        BINARY,
        /** The line is longer than the reader's limit; its bytes were skipped, not kept in memory. */
        TOO_LONG
    }
}
