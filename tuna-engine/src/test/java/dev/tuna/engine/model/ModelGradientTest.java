package dev.tuna.engine.model;

import dev.tuna.engine.kernels.GradCheck;
import dev.tuna.engine.train.LoraSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole-model finite-difference gradient checks: every parameter of a tiny model, full and LoRA. */
class ModelGradientTest {
    private static final int[] TOKENS = TinyModels.tokens(9, 13, 5);
    private static final float[] WEIGHTS = TinyModels.weights(8);
    private static final float SCALE = 0.37f;

    private static void checkAll(String what, TrainableModel m) {
        m.zeroGrad();
        m.forwardBackward(TOKENS, WEIGHTS, SCALE, 1);
        for (Parameter p : m.parameters()) {
            float[] analytic = p.grad().clone();
            double[] numeric = GradCheck.numeric(p.value(),
                    () -> SCALE * m.evaluate(TOKENS, WEIGHTS).weightedNll(), 1e-2f);
            GradCheck.assertClose(what + " " + p.name(), analytic, numeric, 2e-2);
        }
    }

    @Test
    void fullFineTuningUntiedWithBiases() {
        TrainableModel m = Llama.random(TinyModels.qwenLike(false), 3).fullTraining();
        TinyModels.randomize(m, 11, 0.5);
        checkAll("full", m);
    }

    @Test
    void fullFineTuningTied() {
        TrainableModel m = Llama.random(TinyModels.qwenLike(true), 3).fullTraining();
        TinyModels.randomize(m, 12, 0.5);
        checkAll("full tied", m);
    }

    @Test
    void loraOnEveryProjection() {
        Llama base = Llama.random(TinyModels.qwenLike(false), 4);
        TinyModels.randomize(base.fullTraining(), 13, 0.5);
        LoraModel lora = LoraModel.create(base, new LoraSettings(3, 6, 0, LoraSettings.ALL_LINEAR), 5);
        TinyModels.randomize(lora, 14, 0.5); // B must be non-zero, or A's gradient is trivially zero
        checkAll("lora", lora);
    }

    @Test
    void loraOnSomeProjections() {
        Llama base = Llama.random(TinyModels.qwenLike(true), 4);
        TinyModels.randomize(base.fullTraining(), 15, 0.5);
        LoraModel lora = LoraModel.create(base, new LoraSettings(2, 2, 0, List.of("v_proj", "down_proj")), 6);
        TinyModels.randomize(lora, 16, 0.5);
        checkAll("lora v,down", lora);
    }
}
