package dev.tuna.data.prepare;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a question (and its paragraph) becomes the user message of a chat example. */
public enum Template {
    /** The tutorial's closed-book form: the user asks the bare question; the model must know the answer. */
    CLOSED,
    /** Reading comprehension: the user gives the paragraph, then the question; the answer is a span of it. */
    CONTEXT;

    /** The user message for a question asked about {@code context} (ignored by {@link #CLOSED}). */
    public String userMessage(String question, String context) {
        return switch (this) {
            case CLOSED -> question;
            case CONTEXT -> context.strip() + "\n\n" + question;
        };
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
