package dev.tuna.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.data.TunaException;
import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.io.DType;
import dev.tuna.engine.io.SafetensorsCheckpoint;
import dev.tuna.engine.train.LoraSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoraModelTest {
    private static final int[] TOKENS = TinyModels.tokens(10, 13, 9);

    /** A bf16 base (like a memory-mapped checkpoint) and an adapter with non-zero B. */
    private static LoraModel trainedAdapter(Llama base, LoraSettings s) {
        LoraModel lora = LoraModel.create(base, s, 7);
        for (Parameter p : lora.parameters()) {
            if (p.name().contains("lora_B")) {
                for (int i = 0; i < p.value().length; i++) {
                    p.value()[i] = (float) Math.sin(i * 0.7 + p.value().length) * 0.3f;
                }
            }
        }
        return lora;
    }

    @Test
    void anUntrainedAdapterIsExactlyTheBase() {
        Llama base = Llama.random(TinyModels.llamaLike(false), 1, DType.BF16);
        LoraModel lora = LoraModel.create(base, LoraSettings.defaults(), 2);
        assertThat(lora.logits(TOKENS)).isEqualTo(base.logits(TOKENS));
        try (var a = base.languageModel().newSession(); var b = lora.languageModel().newSession()) {
            assertThat(b.append(TOKENS)).isEqualTo(a.append(TOKENS));
        }
        assertThat(lora.parameters()).hasSize(2 * 7 * 2);
        assertThat(lora.parameters().get(0).name())
                .isEqualTo("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight");
        assertThat(lora.parameters().get(0).shape()).containsExactly(8, 24);
        assertThat(lora.parameters().get(1).shape()).containsExactly(24, 8);
    }

    @Test
    void mergeReproducesTheAdapterModelAndExportsAPlainCheckpoint(@TempDir Path dir) {
        Llama base = Llama.random(TinyModels.llamaLike(true), 1, DType.BF16);
        LoraModel lora = trainedAdapter(base, new LoraSettings(4, 8, 0, LoraSettings.ALL_LINEAR));
        float[] adapted = lora.logits(TOKENS);
        assertThat(adapted).isNotEqualTo(base.logits(TOKENS));
        Llama merged = lora.merge();
        ReferenceModelTest.assertClose("merged logits", merged.logits(TOKENS), adapted, 1e-5);

        merged.save(dir.resolve("export"));
        Llama reloaded = Llama.load(dir.resolve("export"));
        ReferenceModelTest.assertClose("exported logits", reloaded.logits(TOKENS), adapted, 1e-5);
        assertThat(SafetensorsCheckpoint.open(dir.resolve("export")).names()).noneMatch(n -> n.contains("lora"));
    }

    @Test
    void aSavedAdapterReloadsOntoItsBaseWithTheSameLogits(@TempDir Path dir) throws Exception {
        Llama base = Llama.random(TinyModels.qwenLike(false), 1);
        LoraModel lora = trainedAdapter(base, new LoraSettings(2, 4, 0.1, List.of("q_proj", "v_proj", "up_proj")));
        lora.saveAdapter(dir, "tiny-base");

        var cfg = new ObjectMapper().readTree(dir.resolve("adapter_config.json").toFile());
        assertThat(cfg.get("peft_type").asText()).isEqualTo("LORA");
        assertThat(cfg.get("task_type").asText()).isEqualTo("CAUSAL_LM");
        assertThat(cfg.get("r").asInt()).isEqualTo(2);
        assertThat(cfg.get("lora_alpha").asDouble()).isEqualTo(4.0);
        assertThat(cfg.get("lora_dropout").asDouble()).isEqualTo(0.1);
        assertThat(cfg.get("base_model_name_or_path").asText()).isEqualTo("tiny-base");
        assertThat(cfg.get("target_modules").toString()).isEqualTo("[\"q_proj\",\"v_proj\",\"up_proj\"]");
        var ck = SafetensorsCheckpoint.open(dir.resolve("adapter_model.safetensors"));
        assertThat(ck.tensor("base_model.model.model.layers.1.mlp.up_proj.lora_B.weight").shape())
                .containsExactly(20, 2);
        assertThat(ck.names()).hasSize(2 * 3 * 2);

        LoraModel back = LoraModel.loadAdapter(base, dir);
        assertThat(back.logits(TOKENS)).isEqualTo(lora.logits(TOKENS));
        assertThat(back.settings()).isEqualTo(lora.settings());
    }

    @Test
    void anAdapterForAnotherBaseIsRefusedNamingTheTensor(@TempDir Path dir) {
        Llama base = Llama.random(TinyModels.llamaLike(false), 1);
        LoraModel.create(base, LoraSettings.defaults(), 1).saveAdapter(dir, "x");
        Llama other = Llama.random(TinyModels.qwenLike(false), 1);
        assertThatThrownBy(() -> LoraModel.loadAdapter(other, dir))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight")
                .hasMessageContaining("another base model");
    }

    @Test
    void trainingTheAdapterLeavesTheSharedBaseUntouched() {
        Llama base = Llama.random(TinyModels.llamaLike(false), 1, DType.BF16);
        float[] before = base.logits(TOKENS);
        LoraModel a = LoraModel.create(base, LoraSettings.defaults(), 1);
        LoraModel b = LoraModel.create(base, LoraSettings.defaults(), 2);
        float[] w = TinyModels.weights(TOKENS.length - 1);
        for (int step = 0; step < 3; step++) {
            a.zeroGrad();
            a.forwardBackward(TOKENS, w, 0.1f, step);
            for (Parameter p : a.parameters()) {
                for (int i = 0; i < p.value().length; i++) {
                    p.value()[i] -= 0.5f * p.grad()[i];
                }
            }
        }
        assertThat(a.logits(TOKENS)).isNotEqualTo(before);
        assertThat(base.logits(TOKENS)).isEqualTo(before);
        assertThat(b.logits(TOKENS)).isEqualTo(before);
    }

    @Test
    void dropoutIsSeededAndOffWhenEvaluating() {
        Llama base = Llama.random(TinyModels.llamaLike(false), 1);
        LoraModel lora = trainedAdapter(base, new LoraSettings(4, 8, 0.3, LoraSettings.ALL_LINEAR));
        float[] w = TinyModels.weights(TOKENS.length - 1);
        float[][] g1 = grads(lora, w, 42);
        float[][] g2 = grads(lora, w, 42);
        float[][] g3 = grads(lora, w, 43);
        assertThat(g2).isDeepEqualTo(g1);
        assertThat(Arrays.deepEquals(g1, g3)).isFalse();
        SequenceLoss trainLoss = lora.forwardBackward(TOKENS, w, 0f, 42);
        assertThat(lora.evaluate(TOKENS, w)).isEqualTo(lora.evaluate(TOKENS, w));
        assertThat(trainLoss.weightedNll()).isNotEqualTo(lora.evaluate(TOKENS, w).weightedNll());
    }

    private static float[][] grads(TrainableModel m, float[] w, long seed) {
        m.zeroGrad();
        m.forwardBackward(TOKENS, w, 1f, seed);
        return m.parameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
    }

    @Test
    void adapterSessionsDecodeLikeAFullForward() {
        Llama base = Llama.random(TinyModels.qwenLike(false), 1);
        LoraModel lora = trainedAdapter(base, LoraSettings.defaults());
        float[] all = lora.logits(TOKENS);
        int v = base.config().vocabSize();
        LanguageModel lm = lora.languageModel();
        try (var s = lm.newSession()) {
            s.append(Arrays.copyOf(TOKENS, 4));
            for (int t = 4; t < TOKENS.length; t++) {
                float[] logits = s.append(new int[] {TOKENS[t]});
                ReferenceModelTest.assertClose("adapter decode @" + t, logits.clone(),
                        Arrays.copyOfRange(all, t * v, (t + 1) * v), 1e-5);
            }
        }
    }

    @Test
    void aMissingAdapterFolderIsAClearError(@TempDir Path dir) throws Exception {
        Llama base = Llama.random(TinyModels.llamaLike(false), 1);
        assertThatThrownBy(() -> LoraModel.loadAdapter(base, dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("adapter_config.json");
        Files.writeString(dir.resolve("adapter_config.json"), "{\"peft_type\":\"PREFIX_TUNING\"}");
        assertThatThrownBy(() -> LoraModel.loadAdapter(base, dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("only LORA");
    }
}
