package dev.tuna.data.eval;

/**
 * How a SQuAD/KorQuAD question becomes the user message: {@code closed} asks the bare question (the model must know
 * the answer, as after fine-tuning on the questions); {@code context} gives the passage first (reading
 * comprehension, the answer is a span of it).
 */
public enum QaTemplate {
    CLOSED,
    CONTEXT;

    /** The user message for {@code question} about {@code context}; both are trimmed. */
    public String userMessage(String question, String context) {
        String q = question.strip();
        return switch (this) {
            case CLOSED -> q;
            case CONTEXT -> "Context:\n" + context.strip() + "\n\nQuestion: " + q;
        };
    }

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
