package dev.tuna.engine.train;

import dev.tuna.engine.model.ModelConfig;
import dev.tuna.engine.model.Parameter;
import dev.tuna.engine.model.SequenceLoss;
import dev.tuna.engine.model.TrainableModel;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A real, tiny trainable model for trainer tests: softmax regression of the next token on the current one
 * (logits = W[prev] + b), with analytic gradients and seeded dropout on the logit contributions of W, so a wrong
 * dropout seed on resume would show.
 */
class BigramModel implements TrainableModel {
    private final int vocab;
    private final Parameter weights;
    private final Parameter bias;
    private final double dropout;

    BigramModel(int vocab, long initSeed, double dropout) {
        this.vocab = vocab;
        this.dropout = dropout;
        float[] w = new float[vocab * vocab];
        SplittableRandom r = new SplittableRandom(initSeed);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.1);
        }
        this.weights = new Parameter("bigram.weight", new int[] {vocab, vocab}, w, new float[w.length], true);
        this.bias = new Parameter("bigram.bias", new int[] {vocab}, new float[vocab], new float[vocab], false);
    }

    @Override
    public ModelConfig config() {
        return new ModelConfig("bigram", vocab, vocab, vocab, 0, 1, 1, vocab, 1e-5, 10000, null, false, false, 64, -1,
                new int[0]);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weights, bias);
    }

    @Override
    public SequenceLoss forwardBackward(int[] tokens, float[] targetWeights, float gradScale, long seed) {
        return run(tokens, targetWeights, gradScale, dropout > 0 ? new SplittableRandom(seed) : null, true);
    }

    @Override
    public SequenceLoss evaluate(int[] tokens, float[] targetWeights) {
        return run(tokens, targetWeights, 0, null, false);
    }

    private SequenceLoss run(int[] tokens, float[] targetWeights, float gradScale, SplittableRandom random,
                             boolean backward) {
        double nll = 0;
        double weight = 0;
        int correct = 0;
        int targets = 0;
        double[] logits = new double[vocab];
        float[] keep = new float[vocab];
        float[] w = weights.value();
        float[] b = bias.value();
        for (int i = 0; i + 1 < tokens.length; i++) {
            float tw = targetWeights[i];
            if (tw == 0) {
                continue;
            }
            int prev = tokens[i];
            int next = tokens[i + 1];
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int j = 0; j < vocab; j++) {
                keep[j] = random == null ? 1f : (random.nextDouble() < dropout ? 0f : (float) (1 / (1 - dropout)));
                logits[j] = keep[j] * w[prev * vocab + j] + b[j];
                if (logits[j] > max) {
                    max = logits[j];
                    arg = j;
                }
            }
            double z = 0;
            for (int j = 0; j < vocab; j++) {
                z += Math.exp(logits[j] - max);
            }
            nll += tw * (Math.log(z) + max - logits[next]);
            weight += tw;
            targets++;
            correct += arg == next ? 1 : 0;
            if (backward) {
                float[] gw = weights.grad();
                float[] gb = bias.grad();
                for (int j = 0; j < vocab; j++) {
                    double g = (Math.exp(logits[j] - max) / z - (j == next ? 1 : 0)) * tw * gradScale;
                    gw[prev * vocab + j] += (float) (g * keep[j]);
                    gb[j] += (float) g;
                }
            }
        }
        return new SequenceLoss(nll, weight, correct, targets);
    }

    @Override
    public void zeroGrad() {
        java.util.Arrays.fill(weights.grad(), 0f);
        java.util.Arrays.fill(bias.grad(), 0f);
    }
}
