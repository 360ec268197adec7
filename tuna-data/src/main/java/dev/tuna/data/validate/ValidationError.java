package dev.tuna.data.validate;

/**
 * One broken rule.
 *
 * @param line     1-based line number, or 0 for the file as a whole (e.g. too few examples)
 * @param category the kind of rule
 * @param message  what is wrong on that line
 * @param fix      how to fix it
 */
public record ValidationError(long line, ErrorCategory category, String message, String fix) {
    @Override
    public String toString() {
        return (line > 0 ? "line " + line + ": " : "") + category.wireName() + ": " + message;
    }
}
