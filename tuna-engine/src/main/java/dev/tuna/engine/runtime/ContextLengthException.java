package dev.tuna.engine.runtime;

import dev.tuna.data.TunaException;

/**
 * The messages (plus the requested completion) do not fit the model's context; OpenAI answers this with 400
 * {@code context_length_exceeded}.
 */
public final class ContextLengthException extends TunaException {
    private final int contextLength;
    private final int promptTokens;
    private final int requestedCompletion;

    public ContextLengthException(int contextLength, int promptTokens, int requestedCompletion) {
        super("This model's maximum context length is " + contextLength + " tokens. However, you requested "
                + (promptTokens + requestedCompletion) + " tokens (" + promptTokens + " in the messages, "
                + requestedCompletion + " in the completion). Please reduce the length of the messages or completion.",
                INVALID_INPUT, null);
        this.contextLength = contextLength;
        this.promptTokens = promptTokens;
        this.requestedCompletion = requestedCompletion;
    }

    public int contextLength() {
        return contextLength;
    }

    public int promptTokens() {
        return promptTokens;
    }

    public int requestedCompletion() {
        return requestedCompletion;
    }
}
