package dev.tuna.engine.runtime;

import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.generate.GenerationParams;
import dev.tuna.engine.generate.GenerationResult;
import dev.tuna.engine.generate.TokenListener;
import java.util.List;

/**
 * A loaded model ready to chat: tokenizer, chat template and weights (a base, a base + adapter, or nano).
 * Thread-safe: several requests may generate at once.
 */
public interface ChatModel extends AutoCloseable {
    /** The conversation's reply (or {@code n} of them), through the model's chat template. */
    GenerationResult chat(List<Turn> messages, GenerationParams params, TokenListener listener);

    /** Prompt tokens the conversation takes (with the generation prompt). */
    int promptTokens(List<Turn> messages);

    int contextLength();

    /** Identifies weights + engine version, e.g. {@code fp_3f2a9c01d4}: equal fingerprints give equal answers. */
    String fingerprint();

    @Override
    void close();
}
