package dev.tuna.engine.kernels;

/**
 * Softmax cross-entropy over logits [n × vocab] with integer targets; a target below 0 (the -100 convention) is
 * ignored: it contributes no loss and no gradient. The fused backward turns logits into their gradient in place,
 * so a vocabulary-sized buffer is needed only once.
 */
public final class CrossEntropy {
    /** Targets with this value (or any negative one) are not learned. */
    public static final int IGNORE = -100;

    private CrossEntropy() {
    }

    /**
     * losses[t] = −log softmax(logits[t])[targets[t]] (0 where ignored); predictions[t] = argmax of row t.
     * When scale is not 0, logits are overwritten with scale·(softmax − onehot) (zero rows where ignored).
     */
    public static void forward(float[] losses, int[] predictions, float[] logits, int[] targets, int n, int vocab,
                               float scale) {
        Parallel.forRange(n, 1, (t0, t1) -> {
            float[] exps = new float[vocab];
            for (int t = t0; t < t1; t++) {
                int off = t * vocab;
                float max = Float.NEGATIVE_INFINITY;
                int arg = 0;
                for (int i = 0; i < vocab; i++) {
                    if (logits[off + i] > max) {
                        max = logits[off + i];
                        arg = i;
                    }
                }
                predictions[t] = arg;
                Exp.exp(logits, off, exps, 0, vocab, 1f, max, 1f);
                double sum = 0;
                for (int i = 0; i < vocab; i++) {
                    sum += exps[i];
                }
                int target = targets[t];
                losses[t] = target < 0 ? 0f : (float) (Math.log(sum) + max - logits[off + target]);
                if (scale != 0f) {
                    if (target < 0) {
                        java.util.Arrays.fill(logits, off, off + vocab, 0f);
                    } else {
                        float inv = (float) (1.0 / sum);
                        for (int i = 0; i < vocab; i++) {
                            logits[off + i] = scale * exps[i] * inv;
                        }
                        logits[off + target] -= scale;
                    }
                }
            }
        });
    }
}
