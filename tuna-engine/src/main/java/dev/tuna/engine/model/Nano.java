package dev.tuna.engine.model;

/**
 * tuna-nano: Tuna's built-in small decoder, trained from scratch (random init from a seed) when no checkpoint is
 * at hand. A Llama with hidden 192, 4 layers, 6 heads of 32 over 2 KV heads, SwiGLU 512, tied embeddings: about
 * 1.6 M weights besides the embedding — enough to memorise a few hundred short QA pairs, small enough to train at
 * thousands of tokens per second on two cores. It exports as a plain {@code llama} checkpoint.
 */
public final class Nano {
    public static final String ARCHITECTURE = "tuna-nano";
    public static final int HIDDEN = 192;
    public static final int LAYERS = 4;
    public static final int HEADS = 6;
    public static final int KV_HEADS = 2;
    public static final int INTERMEDIATE = 512;
    public static final int CONTEXT = 1024;

    private Nano() {
    }

    /** The nano config for a tokenizer of {@code vocabSize} ids, with no BOS/EOS ids. */
    public static ModelConfig config(int vocabSize) {
        return config(vocabSize, -1);
    }

    /** The nano config with its tokenizer's BOS id (or -1) and end-of-sequence ids. */
    public static ModelConfig config(int vocabSize, int bosTokenId, int... eosTokenIds) {
        return new ModelConfig(ARCHITECTURE, vocabSize, HIDDEN, INTERMEDIATE, LAYERS, HEADS, KV_HEADS,
                HIDDEN / HEADS, 1e-5, 10000.0, null, true, false, CONTEXT, bosTokenId, eosTokenIds);
    }
}
