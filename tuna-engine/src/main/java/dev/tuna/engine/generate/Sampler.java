package dev.tuna.engine.generate;

import java.util.SplittableRandom;

/**
 * Picks the next token from logits: greedy at temperature 0, else temperature-scaled softmax restricted to the
 * top-p nucleus. Randomness comes only from the seeded {@link SplittableRandom}, so a seed fixes the output.
 */
public final class Sampler {
    private final double temperature;
    private final double topP;
    private final SplittableRandom random;
    private float[] probs = new float[0];
    private int[] order = new int[0];

    public Sampler(double temperature, double topP, SplittableRandom random) {
        this.temperature = temperature;
        this.topP = topP;
        this.random = random;
    }

    public int next(float[] logits, int vocab) {
        if (temperature == 0) {
            return argmax(logits, vocab);
        }
        if (probs.length < vocab) {
            probs = new float[vocab];
            order = new int[vocab];
        }
        float max = logits[argmax(logits, vocab)];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            float p = (float) Math.exp((logits[i] - max) / temperature);
            probs[i] = p;
            sum += p;
        }
        double u = random.nextDouble();
        if (topP >= 1) {
            double target = u * sum;
            double acc = 0;
            for (int i = 0; i < vocab; i++) {
                acc += probs[i];
                if (acc > target) {
                    return i;
                }
            }
            return argmax(logits, vocab);
        }
        return sampleNucleus(vocab, sum, u);
    }

    /** Sorts candidates by probability (ties by id, for determinism) and samples within the top-p mass. */
    private int sampleNucleus(int vocab, double sum, double u) {
        // Only tokens above a cut-off can be in the nucleus: skip sorting the long tail.
        double cutoff = (1 - topP) / Math.max(1, vocab - 1) * sum;
        int m = 0;
        for (int i = 0; i < vocab; i++) {
            if (probs[i] >= cutoff) {
                order[m++] = i;
            }
        }
        if (m == 0) {
            return order.length > 0 ? argmax(probs, vocab) : 0;
        }
        Integer[] boxed = new Integer[m];
        for (int i = 0; i < m; i++) {
            boxed[i] = order[i];
        }
        java.util.Arrays.sort(boxed, (a, b) -> probs[a] != probs[b] ? Float.compare(probs[b], probs[a]) : Integer.compare(a, b));
        double acc = 0;
        int keep = 0;
        while (keep < m) {
            acc += probs[boxed[keep++]];
            if (acc >= topP * sum) {
                break;
            }
        }
        double target = u * acc;
        double run = 0;
        for (int i = 0; i < keep; i++) {
            run += probs[boxed[i]];
            if (run > target) {
                return boxed[i];
            }
        }
        return boxed[keep - 1];
    }

    static int argmax(float[] logits, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
