package dev.tuna.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.engine.io.DType;
import dev.tuna.engine.io.SafetensorsCheckpoint;
import dev.tuna.engine.io.SafetensorsWriter;
import dev.tuna.engine.io.TensorView;
import dev.tuna.engine.kernels.Parallel;
import dev.tuna.engine.train.LoraSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaTest {
    private static final int[] TOKENS = TinyModels.tokens(11, 17, 3);

    @Test
    void savedCheckpointsReloadToTheSameModel(@TempDir Path dir) {
        for (DType dt : new DType[] {DType.F32, DType.BF16}) {
            Llama m = Llama.random(TinyModels.llamaLike(false), 5, dt);
            Path out = dir.resolve(dt.name());
            m.save(out);
            assertThat(out.resolve("config.json")).exists();
            var ck = SafetensorsCheckpoint.open(out);
            assertThat(ck.tensor("model.layers.1.mlp.down_proj.weight").dtype()).isEqualTo(dt);
            assertThat(ck.tensor("lm_head.weight").shape()).containsExactly(17, 24);
            assertThat(Llama.load(out).logits(TOKENS)).isEqualTo(m.logits(TOKENS));
        }
    }

    @Test
    void f16CheckpointsLoadAsF32(@TempDir Path dir) throws Exception {
        Llama m = Llama.random(TinyModels.llamaLike(true), 5);
        m.save(dir.resolve("f32"));
        var ck = SafetensorsCheckpoint.open(dir.resolve("f32"));
        var w = new SafetensorsWriter();
        for (String n : ck.names()) {
            w.add(n, DType.F16, ck.tensor(n).shape(), ck.tensor(n).toFloatArray());
        }
        Path f16 = dir.resolve("f16");
        w.write(f16.resolve("model.safetensors"));
        Files.copy(dir.resolve("f32/config.json"), f16.resolve("config.json"));
        Llama half = Llama.load(f16);
        assertThat(half.embedding().isBf16()).isFalse();
        ReferenceModelTest.assertClose("f16 logits", half.logits(TOKENS), m.logits(TOKENS), 2e-3);
    }

    @Test
    void aLoadedBf16CheckpointSavesItsBytesUnchanged(@TempDir Path dir) {
        Path src = ReferenceModelTest.reference("smollm_tied_mha_bf16");
        Llama m = Llama.load(src);
        m.save(dir);
        var a = SafetensorsCheckpoint.open(src);
        var b = SafetensorsCheckpoint.open(dir);
        assertThat(b.names()).containsExactlyInAnyOrderElementsOf(a.names());
        for (String n : a.names()) {
            assertThat(b.tensor(n).dtype()).isEqualTo(DType.BF16);
            assertThat(b.tensor(n).data().mismatch(a.tensor(n).data())).as(n).isEqualTo(-1L);
        }
        assertThat(Llama.load(dir).logits(TOKENS)).isEqualTo(m.logits(TOKENS));
    }

    @Test
    void nanoExportsAsAPlainLlamaCheckpoint(@TempDir Path dir) {
        Llama nano = Llama.random(Nano.config(40, 1, 2), 9);
        nano.save(dir);
        Llama back = Llama.load(dir);
        assertThat(back.config().architecture()).isEqualTo("llama");
        assertThat(back.config().tieWordEmbeddings()).isTrue();
        assertThat(back.logits(TOKENS)).isEqualTo(nano.logits(TOKENS));
        assertThat(SafetensorsCheckpoint.open(dir).contains("lm_head.weight")).isFalse();
    }

    @Test
    void aMissingTensorIsNamed(@TempDir Path dir) throws Exception {
        Llama.random(TinyModels.llamaLike(false), 5).save(dir);
        var ck = SafetensorsCheckpoint.open(dir);
        var w = new SafetensorsWriter();
        for (String n : ck.names()) {
            if (!n.equals("model.layers.1.self_attn.v_proj.weight")) {
                TensorView t = ck.tensor(n);
                w.add(n, DType.F32, t.shape(), t.toFloatArray());
            }
        }
        Path broken = dir.resolve("broken");
        w.write(broken.resolve("model.safetensors"));
        Files.copy(dir.resolve("config.json"), broken.resolve("config.json"));
        assertThatThrownBy(() -> Llama.load(broken)).isInstanceOf(TunaException.class)
                .hasMessageContaining("model.layers.1.self_attn.v_proj.weight");
    }

    @Test
    void aMisShapedTensorIsNamed(@TempDir Path dir) throws Exception {
        Llama.random(TinyModels.llamaLike(false), 5).save(dir);
        var ck = SafetensorsCheckpoint.open(dir);
        var w = new SafetensorsWriter();
        for (String n : ck.names()) {
            TensorView t = ck.tensor(n);
            long[] shape = n.equals("model.layers.0.mlp.up_proj.weight") ? new long[] {24, 32} : t.shape();
            w.add(n, DType.F32, shape, t.toFloatArray());
        }
        Path broken = dir.resolve("broken");
        w.write(broken.resolve("model.safetensors"));
        Files.copy(dir.resolve("config.json"), broken.resolve("config.json"));
        assertThatThrownBy(() -> Llama.load(broken)).isInstanceOf(TunaException.class)
                .hasMessageContaining("model.layers.0.mlp.up_proj.weight")
                .hasMessageContaining("[24, 32]").hasMessageContaining("[32, 24]");
    }

    @Test
    void bf16WeightsStayInTheFileUntilFullTraining() {
        Path dir = ReferenceModelTest.reference("smollm_tied_mha_bf16");
        Llama m = Llama.load(dir);
        assertThat(m.layer(0).proj[Layer.Q].isBf16()).isTrue();
        assertThat(m.embedding().isBf16()).isTrue();
        float[] before = m.logits(TOKENS.length > 0 ? new int[] {3, 4, 5} : null);
        m.fullTraining();
        assertThat(m.layer(0).proj[Layer.Q].isBf16()).isFalse();
        assertThat(m.logits(new int[] {3, 4, 5})).isEqualTo(before);
    }

    @Test
    void resultsAreBitIdenticalAtOneTwoAndThreeThreads() {
        int before = Parallel.threads();
        try {
            float[][] one = run(1);
            float[][] two = run(2);
            // Three threads on two cores: uneven chunks, and a worker often off its core mid-loop.
            float[][] three = run(3);
            for (int i = 0; i < one.length; i++) {
                assertThat(two[i]).as("output " + i).isEqualTo(one[i]);
                assertThat(three[i]).as("output " + i + " at 3 threads").isEqualTo(one[i]);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Logits (full and cached, base bf16 and adapter) and gradients (full and LoRA) of a model wide enough to split. */
    private static float[][] run(int threads) {
        Parallel.setThreads(threads);
        ModelConfig c = new ModelConfig("llama", 300, 64, 96, 2, 4, 2, 16, 1e-5, 10000.0, null, false, false, 128,
                1, new int[] {2});
        int[] tokens = TinyModels.tokens(40, 300, 1);
        float[] w = TinyModels.weights(39);
        Llama base = Llama.random(c, 3, DType.BF16);
        LoraModel lora = LoraModel.create(base, new LoraSettings(4, 8, 0.1, LoraSettings.ALL_LINEAR), 4);
        for (Parameter p : lora.parameters()) {
            Arrays.fill(p.value(), 0.01f);
        }
        lora.forwardBackward(tokens, w, 0.1f, 77);
        float[] cached;
        try (var s = lora.languageModel().newSession()) {
            s.append(Arrays.copyOf(tokens, 30));
            cached = s.append(new int[] {5}).clone();
        }
        float[] baseLogits = base.logits(tokens);
        Llama full = Llama.random(c, 3);
        TrainableModel ft = full.fullTraining();
        ft.forwardBackward(tokens, w, 0.1f, 0);
        return new float[][] {baseLogits, cached, lora.parameters().get(0).grad(), lora.parameters().get(5).grad(),
                ft.parameters().get(0).grad(), ft.parameters().get(3).grad()};
    }

    @Test
    void fullTrainingLowersTheLoss() {
        Llama m = Llama.random(Nano.config(17), 2);
        TrainableModel t = m.fullTraining();
        float[] w = new float[TOKENS.length - 1];
        Arrays.fill(w, 1f);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 30; step++) {
            t.zeroGrad();
            SequenceLoss l = t.forwardBackward(TOKENS, w, 1f / w.length, step);
            if (step == 0) {
                first = l.meanLoss();
            }
            last = l.meanLoss();
            for (Parameter p : t.parameters()) {
                for (int i = 0; i < p.value().length; i++) {
                    p.value()[i] -= 0.05f * Math.signum(p.grad()[i]) * 0.1f;
                }
            }
        }
        System.out.printf("nano loss %.4f -> %.4f%n", first, last);
        assertThat(last).isLessThan(first * 0.5);
        assertThat(t.evaluate(TOKENS, w).accuracy()).isGreaterThan(0.5);
    }

    @Test
    void contextLengthIsEnforced() {
        ModelConfig c = new ModelConfig("llama", 17, 8, 8, 1, 2, 1, 4, 1e-5, 10000.0, null, true, false, 6, 1,
                new int[] {2});
        var lm = Llama.random(c, 1).languageModel();
        try (var s = lm.newSession()) {
            s.append(new int[] {1, 2, 3, 4, 5});
            assertThatThrownBy(() -> s.append(new int[] {6, 7})).isInstanceOf(TunaException.class)
                    .hasMessageContaining("context is 6 tokens");
        }
    }
}
