package dev.tuna.data.eval;

import dev.tuna.data.prepare.Template;
/**
 * How the questions are asked.
 *
 * @param template how SQuAD/KorQuAD questions become user messages
 * @param limit the first N questions only; null for all
 * @param seed the request's {@code seed}; null to send none
 * @param temperature the request's {@code temperature}; null for the backend's default
 * @param maxTokens the request's {@code max_tokens}; null for the backend's default
 * @param repeat how many times each question is asked (at least 1)
 * @param extractSpan whether answers are reduced to a span of the context ({@link SpanExtractor})
 * @param concurrency how many requests are in flight at once
 */
public record RunSettings(Template template, Integer limit, Long seed, Double temperature, Integer maxTokens,
                          int repeat, boolean extractSpan, int concurrency) {
    public RunSettings {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    /** What, besides model and messages, makes two requests the same request (for the cache). */
    String requestFingerprint() {
        return "seed=" + seed + ";temperature=" + temperature + ";max_tokens=" + maxTokens;
    }

    /** The answer as scored: trimmed, and reduced to a span of the context with {@code --extract-span}. */
    public String postProcess(String raw, String context) {
        return extractSpan && context != null ? SpanExtractor.extract(raw, context) : raw.strip();
    }
}
