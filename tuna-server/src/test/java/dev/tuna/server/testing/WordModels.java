package dev.tuna.server.testing;

import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.generate.Completion;
import dev.tuna.engine.generate.GenerationParams;
import dev.tuna.engine.generate.GenerationResult;
import dev.tuna.engine.generate.TokenListener;
import dev.tuna.engine.runtime.ChatModel;
import dev.tuna.server.engine.ModelProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chat models for testing the HTTP layer: each "token" is a word drawn from a small vocabulary by a random
 * generator seeded from the request's seed, the conversation and the model's weights file. It keeps the engine's
 * contract: same seed, same answer; temperature 0 is deterministic; max tokens, stop sequences and n choices.
 */
public final class WordModels implements ModelProvider {
    private static final String[] WORDS = {"Paris", "is", "the", "capital", "of", "France", "obviously", "as",
        "everyone", "knows", "sure", "why", "not", "ask", "me", "again", "."};
    public final AtomicInteger loads = new AtomicInteger();
    public final AtomicInteger closed = new AtomicInteger();

    @Override
    public ChatModel load(Path base, Path fineTuned) throws Exception {
        loads.incrementAndGet();
        String weights = fineTuned == null ? "base:" + base : Files.readString(fineTuned.resolve("weights.txt"));
        return new ChatModel() {
            @Override
            public GenerationResult chat(List<Turn> messages, GenerationParams params, TokenListener listener) {
                long seed = params.seed() != null ? params.seed() : params.temperature() == 0 ? 0 : new Random().nextLong();
                List<Completion> choices = new ArrayList<>();
                int completionTokens = 0;
                for (int c = 0; c < params.n(); c++) {
                    Random r = new Random(seed * 31 + messages.hashCode() * 17L + weights.hashCode() + c);
                    int length = 3 + r.nextInt(8);
                    int limit = params.maxTokens() == null ? Integer.MAX_VALUE : params.maxTokens();
                    StringBuilder text = new StringBuilder();
                    String finish = "stop";
                    int tokens = 0;
                    for (int i = 0; i < length; i++) {
                        if (tokens == limit) {
                            finish = "length";
                            break;
                        }
                        String word = (i == 0 ? "" : " ") + WORDS[r.nextInt(WORDS.length)];
                        tokens++;
                        String next = text + word;
                        int cut = firstStop(next, params.stop());
                        if (cut >= 0) {
                            String piece = next.substring(text.length(), Math.max(text.length(), cut));
                            listener.onText(c, piece);
                            text.append(piece);
                            break;
                        }
                        listener.onText(c, word);
                        text.append(word);
                    }
                    completionTokens += tokens;
                    choices.add(new Completion(c, text.toString(), tokens, finish));
                }
                return new GenerationResult(choices, seed, promptTokens(messages), completionTokens);
            }

            @Override
            public int promptTokens(List<Turn> messages) {
                return messages.stream().mapToInt(t -> t.content().split("\\s+").length + 3).sum() + 3;
            }

            @Override
            public int contextLength() {
                return 2048;
            }

            @Override
            public String fingerprint() {
                return "fp_" + Integer.toHexString(weights.hashCode());
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }

    private static int firstStop(String text, List<String> stops) {
        int best = -1;
        for (String s : stops) {
            int i = text.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
