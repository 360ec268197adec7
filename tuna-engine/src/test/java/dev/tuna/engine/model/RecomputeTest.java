package dev.tuna.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.engine.train.LoraSettings;
import org.junit.jupiter.api.Test;

/** Recomputing activations layer by layer (long sequences) gives the same loss and gradients, bit for bit. */
class RecomputeTest {
    private static final int[] TOKENS = TinyModels.tokens(23, 13, 4);
    private static final float[] WEIGHTS = TinyModels.weights(22);

    @Test
    void fullTrainingGradientsAreIdentical() {
        Llama m = Llama.random(TinyModels.qwenLike(false), 1);
        TinyModels.randomize(m.fullTraining(), 2, 0.4);
        FullGrads stored = new FullGrads(m);
        FullGrads recomputed = new FullGrads(m);
        SequenceLoss a = new Decoder(m, null, stored).run(TOKENS, WEIGHTS, 0.3f, true, false, 0,
                Decoder.Outputs.NONE);
        SequenceLoss b = new Decoder(m, null, recomputed).activationBudget(0).run(TOKENS, WEIGHTS, 0.3f, true,
                false, 0, Decoder.Outputs.NONE);
        assertThat(b).isEqualTo(a);
        assertThat(recomputed.embed).isEqualTo(stored.embed);
        assertThat(recomputed.proj).isDeepEqualTo(stored.proj);
        assertThat(recomputed.bias).isDeepEqualTo(stored.bias);
        assertThat(recomputed.attnNorm).isDeepEqualTo(stored.attnNorm);
        assertThat(recomputed.head).isEqualTo(stored.head);
    }

    @Test
    void loraGradientsWithDropoutAreIdentical() {
        Llama base = Llama.random(TinyModels.qwenLike(true), 1);
        LoraModel lora = LoraModel.create(base, new LoraSettings(3, 6, 0.2, LoraSettings.ALL_LINEAR), 2);
        TinyModels.randomize(lora, 3, 0.3);
        LoraWeights w = lora.weights();
        new Decoder(base, w, null).run(TOKENS, WEIGHTS, 0.5f, true, true, 9, Decoder.Outputs.NONE);
        float[][] stored = lora.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
        lora.zeroGrad();
        new Decoder(base, w, null).activationBudget(0).run(TOKENS, WEIGHTS, 0.5f, true, true, 9,
                Decoder.Outputs.NONE);
        float[][] recomputed = lora.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
        assertThat(recomputed).isDeepEqualTo(stored);
    }
}
