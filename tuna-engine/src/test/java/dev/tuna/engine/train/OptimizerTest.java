package dev.tuna.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.tuna.engine.model.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    @Test
    void adamWMatchesTheFormulaWithDecoupledDecayOnlyWhereAsked() {
        Parameter w = new Parameter("w", new int[] {2}, new float[] {1f, -2f}, new float[2], true);
        Parameter b = new Parameter("b", new int[] {1}, new float[] {0.5f}, new float[1], false);
        AdamW adam = new AdamW(List.of(w, b), 0.9, 0.999, 1e-8, 0.1);
        double[] ref = {1, -2, 0.5};
        double[] m = new double[3];
        double[] v = new double[3];
        double[][] grads = {{0.3, -0.1, 2.0}, {-0.2, 0.4, 1.0}, {0.05, 0.05, -3.0}};
        double lr = 0.01;
        for (int t = 1; t <= 3; t++) {
            double[] g = grads[t - 1];
            w.grad()[0] = (float) g[0];
            w.grad()[1] = (float) g[1];
            b.grad()[0] = (float) g[2];
            adam.step(lr);
            for (int i = 0; i < 3; i++) {
                m[i] = 0.9 * m[i] + 0.1 * g[i];
                v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                double mh = m[i] / (1 - Math.pow(0.9, t));
                double vh = v[i] / (1 - Math.pow(0.999, t));
                double decay = i < 2 ? 0.1 : 0;
                ref[i] -= lr * (mh / (Math.sqrt(vh) + 1e-8) + decay * ref[i]);
            }
        }
        assertThat((double) w.value()[0]).isCloseTo(ref[0], within(1e-6));
        assertThat((double) w.value()[1]).isCloseTo(ref[1], within(1e-6));
        assertThat((double) b.value()[0]).isCloseTo(ref[2], within(1e-6));
        assertThat(adam.steps()).isEqualTo(3);
    }

    @Test
    void scheduleWarmsUpLinearlyThenDecaysByCosineToTheFinalFraction() {
        LearningRateSchedule s = new LearningRateSchedule(1.0, 4, 24, 0.1);
        assertThat(s.at(0)).isEqualTo(0.25);
        assertThat(s.at(3)).isEqualTo(1.0);
        assertThat(s.at(4)).isEqualTo(1.0);
        assertThat(s.at(23)).isCloseTo(0.1, within(1e-12));
        assertThat(s.at(14)).isBetween(0.5, 0.6); // about half way down the cosine
        for (int i = 4; i < 23; i++) {
            assertThat(s.at(i + 1)).isLessThan(s.at(i));
        }
    }

    @Test
    void clippingScalesTheGlobalNormDownButNeverUp() {
        Parameter a = new Parameter("a", new int[] {2}, new float[2], new float[] {3f, 0f}, true);
        Parameter c = new Parameter("c", new int[] {1}, new float[1], new float[] {4f}, true);
        assertThat(GradientClipping.clip(List.of(a, c), 1.0)).isCloseTo(5.0, within(1e-9));
        assertThat(GradientClipping.globalNorm(List.of(a, c))).isCloseTo(1.0, within(1e-5));
        assertThat((double) a.grad()[0]).isCloseTo(0.6, within(1e-5));
        GradientClipping.clip(List.of(a, c), 10.0);
        assertThat(GradientClipping.globalNorm(List.of(a, c))).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void autoHyperparametersFollowOpenAiEpochRuleAndPickBatchAndRate() {
        assertThat(TrainingPlan.openAiEpochs(5)).isEqualTo(20);
        assertThat(TrainingPlan.openAiEpochs(10)).isEqualTo(10);
        assertThat(TrainingPlan.openAiEpochs(26)).isEqualTo(3);
        assertThat(TrainingPlan.openAiEpochs(8_333)).isEqualTo(3);
        assertThat(TrainingPlan.openAiEpochs(8_334)).isEqualTo(2);
        assertThat(TrainingPlan.openAiEpochs(30_000)).isEqualTo(1);
        assertThat(TrainingPlan.openAiEpochs(2)).isEqualTo(25);

        TrainingPlan lora = TrainingPlan.resolve(Hyperparameters.auto(), 1000, TrainingMethod.LORA);
        assertThat(lora.epochs()).isEqualTo(3);
        assertThat(lora.batchSize()).isEqualTo(2);
        assertThat(lora.learningRateMultiplier()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(lora.totalSteps()).isEqualTo(1500);
        assertThat(lora.schedule().peak()).isCloseTo(1e-4 * Math.sqrt(2), within(1e-15));
        assertThat(lora.choices()).hasSize(3);

        TrainingPlan nano = TrainingPlan.resolve(Hyperparameters.auto(), 20, TrainingMethod.NANO_FROM_SCRATCH);
        assertThat(nano.epochs()).isEqualTo(50);
        assertThat(nano.batchSize()).isEqualTo(4);
        assertThat(nano.totalSteps()).isEqualTo(250);

        TrainingPlan fixed = TrainingPlan.resolve(new Hyperparameters(2, 3, 0.5, null), 10, TrainingMethod.FULL);
        assertThat(fixed.epochs()).isEqualTo(2);
        assertThat(fixed.batchSize()).isEqualTo(3);
        assertThat(fixed.stepsPerEpoch()).isEqualTo(4);
        assertThat(fixed.schedule().peak()).isCloseTo(0.5e-5, within(1e-18));
        assertThat(fixed.choices()).isEmpty();
    }
}
