package dev.tuna.engine.model;

/** Gradient buffers of every tensor of a {@link Llama}, shaped like the tensors (full fine-tuning). */
final class FullGrads {
    final float[] embed;
    final float[][][] proj;
    final float[][][] bias;
    final float[][] attnNorm;
    final float[][] mlpNorm;
    final float[] finalNorm;
    /** null when the embeddings are tied: the head's gradient then goes to {@link #embed}. */
    final float[] head;

    FullGrads(Llama m) {
        ModelConfig c = m.config();
        int layers = c.numLayers();
        embed = new float[c.vocabSize() * c.hiddenSize()];
        proj = new float[layers][Layer.PROJECTIONS][];
        bias = new float[layers][Layer.PROJECTIONS][];
        attnNorm = new float[layers][];
        mlpNorm = new float[layers][];
        for (int l = 0; l < layers; l++) {
            Layer layer = m.layer(l);
            for (int p = 0; p < Layer.PROJECTIONS; p++) {
                proj[l][p] = new float[layer.proj[p].rows * layer.proj[p].cols];
                if (layer.bias[p] != null) {
                    bias[l][p] = new float[layer.bias[p].length];
                }
            }
            attnNorm[l] = new float[c.hiddenSize()];
            mlpNorm[l] = new float[c.hiddenSize()];
        }
        finalNorm = new float[c.hiddenSize()];
        head = m.tiedHead() ? null : new float[c.vocabSize() * c.hiddenSize()];
    }

    float[] headGrad() {
        return head != null ? head : embed;
    }
}
