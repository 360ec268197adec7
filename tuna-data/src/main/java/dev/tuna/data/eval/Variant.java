package dev.tuna.data.eval;

/**
 * One configuration under comparison: a model asked with a system prompt.
 *
 * @param model the model id, e.g. {@code tuna-nano} or {@code ft:tuna-nano:local:kq:abc123}
 * @param system the system prompt; null to send none (a chat JSONL file's own system message is used then)
 */
public record Variant(String model, String system) {
    /** A short label for tables: the model, and the system prompt when there is one. */
    public String label() {
        return system == null ? model : model + " · \"" + abbreviate(system, 40) + "\"";
    }

    static String abbreviate(String s, int max) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
