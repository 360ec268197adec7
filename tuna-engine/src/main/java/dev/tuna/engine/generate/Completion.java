package dev.tuna.engine.generate;

/**
 * One generated choice.
 *
 * @param text         the completion, without the end-of-turn token and without any stop sequence
 * @param tokens       completion tokens generated (including an end-of-turn token that ended it)
 * @param finishReason "stop" (end of turn or a stop sequence) or "length" (max_tokens or the context limit)
 */
public record Completion(int index, String text, int tokens, String finishReason) {
}
