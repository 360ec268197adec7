package dev.tuna.engine.generate;

/**
 * What generation needs from a model: next-token logits over a growing sequence, with the model's own KV cache
 * kept in a {@link Session}. Implementations must give the same logits, bit for bit, at any thread count.
 */
public interface LanguageModel {
    int vocabSize();

    /** The longest sequence (prompt + completion) the model accepts. */
    int contextLength();

    /** A new, empty sequence. */
    Session newSession();

    /** One sequence being extended token by token. Not thread-safe; one per generation. */
    interface Session extends AutoCloseable {
        /** Tokens consumed so far. */
        int length();

        /**
         * Appends tokens (a whole prompt at once is a batched prefill) and returns the logits that predict the token
         * after the last one. The array may be reused by the next call.
         */
        float[] append(int[] tokens);

        @Override
        default void close() {
        }
    }
}
