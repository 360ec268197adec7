package dev.tuna.engine.model;

import java.util.SplittableRandom;

/** Tiny configs and weights for the model tests. */
final class TinyModels {
    private TinyModels() {
    }

    /** Qwen2-style (q/k/v biases), untied, GQA 4/2 heads of 4, llama3 rope scaling. */
    static ModelConfig qwenLike(boolean tied) {
        return new ModelConfig("qwen2", 13, 16, 20, 2, 4, 2, 4, 1e-5, 10000.0,
                new ModelConfig.RopeScaling("llama3", 4.0, 1.0, 4.0, 8), tied, true, 64, 1, new int[] {2});
    }

    static ModelConfig llamaLike(boolean tied) {
        return new ModelConfig("llama", 17, 24, 32, 2, 6, 2, 4, 1e-5, 10000.0, null, tied, false, 64, 1,
                new int[] {2});
    }

    /** Replaces every parameter with U(±scale) (norms around 1), so gradients are far from zero. */
    static void randomize(TrainableModel m, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Parameter p : m.parameters()) {
            boolean norm = p.name().endsWith("norm.weight");
            for (int i = 0; i < p.value().length; i++) {
                double u = (r.nextDouble() * 2 - 1) * scale;
                p.value()[i] = (float) (norm ? 1 + u : u);
            }
        }
    }

    static int[] tokens(int n, int vocab, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(vocab);
        }
        return t;
    }

    static float[] weights(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = i < 2 ? 0f : (i % 4 == 3 ? 0.5f : 1f);
        }
        return w;
    }
}
