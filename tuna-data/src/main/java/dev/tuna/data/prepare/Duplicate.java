package dev.tuna.data.prepare;

import java.util.List;

/**
 * A user message that occurs more than once in the input.
 *
 * @param text the repeated question (for the context template: the question, not the whole message)
 * @param ids  the ids of every occurrence, in input order (question ids, or "line N" for tables)
 */
public record Duplicate(String text, List<String> ids) {
    public Duplicate {
        ids = List.copyOf(ids);
    }
}
