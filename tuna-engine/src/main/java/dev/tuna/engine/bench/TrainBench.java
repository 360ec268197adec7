package dev.tuna.engine.bench;

import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.model.ModelConfig;
import dev.tuna.engine.model.TrainableModel;
import dev.tuna.engine.train.AdamW;
import dev.tuna.engine.train.LoraSettings;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training throughput: whole optimizer steps (zero grads, forward and backward over one sequence with every
 * position learned, AdamW update) on a LoRA adapter over a frozen bf16 base and on a fully trained nano model.
 * tokens/s = sequence length / step time.
 */
final class TrainBench {
    private TrainBench() {
    }

    /** LoRA with Tuna's default settings (r 8, alpha 16, dropout 0.05, all linear projections). */
    static void lora(BenchReport report, String key, Llama base, int seq, double seconds, int minSteps) {
        TrainableModel model = LoraModel.create(base, LoraSettings.defaults(), 7);
        steps(report, key, model, seq, seconds, minSteps);
    }

    static void full(BenchReport report, String key, ModelConfig c, int seq, double seconds, int minSteps) {
        steps(report, key, Llama.random(c, 11).fullTraining(), seq, seconds, minSteps);
    }

    private static void steps(BenchReport report, String key, TrainableModel model, int seq, double seconds,
                              int minSteps) {
        var r = new SplittableRandom(3);
        int[] tokens = new int[seq];
        for (int i = 0; i < seq; i++) {
            tokens[i] = r.nextInt(model.config().vocabSize());
        }
        float[] weights = new float[seq - 1];
        Arrays.fill(weights, 1f);
        var optimizer = new AdamW(model.parameters(), 0.9, 0.999, 1e-8, 0.0);
        long[] step = {0};
        Timing t = Timing.of(() -> {
            model.zeroGrad();
            model.forwardBackward(tokens, weights, 1f / (seq - 1), step[0]++);
            optimizer.step(1e-4);
        }, seconds, minSteps);
        long trainable = model.parameters().stream().mapToLong(p -> p.value().length).sum();
        report.add(key + ".shape", "model", Shapes.describe(model.config()) + ", sequence " + seq, "");
        report.add(key + ".trainable_parameters", "trainable parameters", trainable, "");
        report.add(key + ".tokens_per_s", "tokens/s (best step)", t.bestRate(seq), "tokens/s");
        report.add(key + ".median_tokens_per_s", "tokens/s (median step)", seq / t.median(), "tokens/s");
        report.add(key + ".step_seconds", "best step (" + t.runs() + " timed)", t.best(), "s");
    }
}
