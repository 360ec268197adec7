package dev.tuna.engine.generate;

import dev.tuna.data.TunaException;
import dev.tuna.engine.tokenizer.Tokenizer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Autoregressive generation: prefill the prompt once, then decode token by token with the model's KV cache,
 * sampling with {@link Sampler} until an end-of-turn token, a stop sequence, {@code max_tokens} or the context
 * limit. The same model, prompt, parameters and seed give the same tokens every time.
 */
public final class Generator {
    private static final SecureRandom SEEDS = new SecureRandom();

    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final int[] endTokens;

    /**
     * @param endTokens ids that end a reply (the chat template's end-of-turn token and the model's EOS ids)
     */
    public Generator(LanguageModel model, Tokenizer tokenizer, int... endTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.endTokens = endTokens.clone();
    }

    public GenerationResult generate(int[] prompt, GenerationParams params, TokenListener listener) {
        int context = model.contextLength();
        if (prompt.length == 0) {
            throw new TunaException("the prompt is empty", TunaException.INVALID_INPUT, null);
        }
        if (prompt.length >= context) {
            throw new TunaException("the prompt is " + prompt.length + " tokens, but the model's context is " + context
                    + " tokens (prompt and reply together); shorten the messages", TunaException.INVALID_INPUT, null);
        }
        long seed = params.seed() != null ? params.seed() : SEEDS.nextLong() & Long.MAX_VALUE;
        int budget = context - prompt.length;
        int maxTokens = params.maxTokens() == null ? budget : Math.min(params.maxTokens(), budget);

        SplittableRandom root = new SplittableRandom(seed);
        List<Completion> choices = new ArrayList<>();
        int completionTokens = 0;
        for (int choice = 0; choice < params.n(); choice++) {
            // Each choice draws from its own stream split off the seed: choice k is the same whatever n is.
            SplittableRandom random = root.split();
            try (LanguageModel.Session session = model.newSession()) {
                float[] logits = session.append(prompt);
                Completion c = decode(choice, session, logits, maxTokens, params,
                        new Sampler(params.temperature(), params.topP(), random), listener);
                completionTokens += c.tokens();
                choices.add(c);
            }
        }
        return new GenerationResult(List.copyOf(choices), seed, prompt.length, completionTokens);
    }

    private Completion decode(int index, LanguageModel.Session session, float[] logits, int maxTokens,
                              GenerationParams params, Sampler sampler, TokenListener listener) {
        TextStream stream = new TextStream(tokenizer, params.stop());
        int vocab = model.vocabSize();
        int generated = 0;
        int[] one = new int[1];
        while (true) {
            int token = sampler.next(logits, vocab);
            generated++;
            if (isEnd(token)) {
                emit(listener, index, stream.finish());
                return new Completion(index, stream.text(), generated, "stop");
            }
            emit(listener, index, stream.add(token));
            if (stream.stopped()) {
                return new Completion(index, stream.text(), generated, "stop");
            }
            if (generated >= maxTokens) {
                emit(listener, index, stream.finish());
                return new Completion(index, stream.text(), generated, "length");
            }
            one[0] = token;
            logits = session.append(one);
        }
    }

    private boolean isEnd(int token) {
        for (int end : endTokens) {
            if (token == end) {
                return true;
            }
        }
        return false;
    }

    private static void emit(TokenListener listener, int index, String text) {
        if (!text.isEmpty()) {
            listener.onText(index, text);
        }
    }
}
