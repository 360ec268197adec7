package dev.tuna.engine.bench;

import dev.tuna.engine.model.ModelConfig;
import dev.tuna.engine.model.Nano;

/** The model shapes the benchmarks run (random weights), and the tiny stand-ins {@code --quick} uses. */
final class Shapes {
    /** Training and prefill sequence length. */
    static final int SEQUENCE = 256;
    /** Nano's vocabulary in the benchmark: about what KorQuAD's characters plus bytes and specials give. */
    static final int NANO_VOCAB = 2048;

    private Shapes() {
    }

    /**
     * HuggingFaceTB/SmolLM2-135M: 30 layers, hidden 576, 9 heads / 3 KV heads of 64, SwiGLU 1536, vocabulary 49,152,
     * tied embeddings, RoPE θ 1e5.
     */
    static ModelConfig smolLm2() {
        return new ModelConfig("llama", 49_152, 576, 1536, 30, 9, 3, 64, 1e-5, 100_000.0, null, true, false, 8192,
                1, new int[] {2});
    }

    /** A two-layer toy of the same family, for {@code --quick} (checks that the code runs, not its speed). */
    static ModelConfig tiny() {
        return new ModelConfig("llama", 512, 64, 128, 2, 4, 2, 16, 1e-5, 100_000.0, null, true, false, 1024,
                1, new int[] {2});
    }

    static ModelConfig nano() {
        return Nano.config(NANO_VOCAB);
    }

    static String describe(ModelConfig c) {
        return String.format("%d layers, hidden %d, %d/%d heads, MLP %d, vocab %d", c.numLayers(), c.hiddenSize(),
                c.numHeads(), c.numKvHeads(), c.intermediateSize(), c.vocabSize());
    }
}
