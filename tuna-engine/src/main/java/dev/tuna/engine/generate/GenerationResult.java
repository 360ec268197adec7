package dev.tuna.engine.generate;

import java.util.List;

/**
 * All choices for one prompt, with the seed that reproduces them and the token usage.
 */
public record GenerationResult(List<Completion> choices, long seed, int promptTokens, int completionTokens) {
}
