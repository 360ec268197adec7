package dev.tuna.data.jsonl;

/**
 * One line of a JSONL file, without its line terminator ({@code \n} or {@code \r\n}).
 *
 * @param number     1-based line number
 * @param byteOffset where the line starts in the file (after a byte order mark, if the file has one)
 * @param byteLength the line's length in bytes, terminator excluded
 * @param text       the decoded line, or {@code null} when {@link #problem()} is set
 * @param problem    why the bytes are not text, or {@code null}
 */
public record JsonlLine(long number, long byteOffset, long byteLength, String text, LineProblem problem) {
    /** True for an empty line or one of only spaces and tabs. */
    public boolean isBlank() {
        return text != null && text.isBlank();
    }
}
