package dev.tuna.cli.chat;

import com.openai.models.chat.completions.ChatCompletionCreateParams;

/** The generation settings a chat sends; null fields are left to the backend's defaults. */
record Sampling(Long seed, Double temperature, Double topP, Long maxTokens, Long n) {
    Sampling withSeed(Long newSeed) {
        return new Sampling(newSeed, temperature, topP, maxTokens, n);
    }

    void applyTo(ChatCompletionCreateParams.Builder params) {
        if (seed != null) {
            params.seed(seed);
        }
        if (temperature != null) {
            params.temperature(temperature);
        }
        if (topP != null) {
            params.topP(topP);
        }
        if (maxTokens != null) {
            params.maxCompletionTokens(maxTokens);
        }
        if (n != null) {
            params.n(n);
        }
    }
}
