package dev.tuna.engine.generate;

import java.util.List;

/**
 * How to generate: OpenAI's chat-completion knobs.
 *
 * @param maxTokens   completion tokens at most (null: up to the context limit)
 * @param temperature 0 is greedy decoding; OpenAI's range is 0–2
 * @param topP        nucleus sampling mass, in (0, 1]
 * @param seed        the sampling seed; null draws one (and the result reports it, so the answer can be reproduced)
 * @param stop        up to 4 stop sequences; the text stops before the first one that appears
 * @param n           how many independent choices
 */
public record GenerationParams(Integer maxTokens, double temperature, double topP, Long seed, List<String> stop, int n) {
    public GenerationParams {
        if (temperature < 0 || temperature > 2 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
        }
        if (n < 1 || n > 128) {
            throw new IllegalArgumentException("n must be between 1 and 128, got " + n);
        }
        stop = stop == null ? List.of() : List.copyOf(stop.stream().filter(s -> !s.isEmpty()).toList());
        if (stop.size() > 4) {
            throw new IllegalArgumentException("at most 4 stop sequences, got " + stop.size());
        }
    }

    /** OpenAI's defaults: temperature 1, top_p 1, one choice, no stop sequences. */
    public static GenerationParams defaults() {
        return new GenerationParams(null, 1.0, 1.0, null, List.of(), 1);
    }

    public static GenerationParams greedy(int maxTokens) {
        return new GenerationParams(maxTokens, 0.0, 1.0, 0L, List.of(), 1);
    }
}
