package dev.tuna.engine.kernels;

/**
 * Causal grouped-query self-attention over a batch of {@code batch} sequences of {@code seqLen} tokens.
 * q is [batch·seqLen × heads·headDim], k and v are [batch·seqLen × kvHeads·headDim]; query head h reads key/value
 * head h / (heads/kvHeads). The softmax probabilities are saved in att [batch × heads × seqLen × seqLen] (only the
 * causal lower triangle is written) for the backward pass.
 */
public final class Attention {
    private Attention() {
    }

    public static void forward(float[] out, float[] att, float[] q, float[] k, float[] v,
                               int batch, int seqLen, int heads, int kvHeads, int headDim) {
        int group = heads / kvHeads;
        int qw = heads * headDim;
        int kw = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        Parallel.forRange(batch * heads * seqLen, 8, (i0, i1) -> {
            for (int idx = i0; idx < i1; idx++) {
                int t = idx % seqLen;
                int h = (idx / seqLen) % heads;
                int b = idx / (seqLen * heads);
                int kvh = h / group;
                int qOff = (b * seqLen + t) * qw + h * headDim;
                int aOff = ((b * heads + h) * seqLen + t) * seqLen;
                float max = Float.NEGATIVE_INFINITY;
                for (int s = 0; s <= t; s++) {
                    float score = Vectors.dot(q, qOff, k, (b * seqLen + s) * kw + kvh * headDim, headDim) * scale;
                    att[aOff + s] = score;
                    max = Math.max(max, score);
                }
                float sum = 0;
                for (int s = 0; s <= t; s++) {
                    float e = (float) Math.exp(att[aOff + s] - max);
                    att[aOff + s] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                java.util.Arrays.fill(out, qOff, qOff + headDim, 0f);
                for (int s = 0; s <= t; s++) {
                    float p = att[aOff + s] * inv;
                    att[aOff + s] = p;
                    Vectors.axpy(p, v, (b * seqLen + s) * kw + kvh * headDim, out, qOff, headDim);
                }
            }
        });
    }

    /**
     * dq, dk, dv are overwritten. datt is scratch of att's size (it receives the score gradients). Query rows and
     * key/value rows are computed in two passes, each by one thread per output, so sums have a fixed order.
     */
    public static void backward(float[] dq, float[] dk, float[] dv, float[] datt, float[] dout, float[] att,
                                float[] q, float[] k, float[] v,
                                int batch, int seqLen, int heads, int kvHeads, int headDim) {
        int group = heads / kvHeads;
        int qw = heads * headDim;
        int kw = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        Parallel.forRange(batch * heads * seqLen, 8, (i0, i1) -> {
            for (int idx = i0; idx < i1; idx++) {
                int t = idx % seqLen;
                int h = (idx / seqLen) % heads;
                int b = idx / (seqLen * heads);
                int kvh = h / group;
                int qOff = (b * seqLen + t) * qw + h * headDim;
                int aOff = ((b * heads + h) * seqLen + t) * seqLen;
                float weighted = 0;
                for (int s = 0; s <= t; s++) {
                    float dp = Vectors.dot(dout, qOff, v, (b * seqLen + s) * kw + kvh * headDim, headDim);
                    datt[aOff + s] = dp;
                    weighted += dp * att[aOff + s];
                }
                java.util.Arrays.fill(dq, qOff, qOff + headDim, 0f);
                for (int s = 0; s <= t; s++) {
                    float ds = att[aOff + s] * (datt[aOff + s] - weighted) * scale;
                    datt[aOff + s] = ds;
                    Vectors.axpy(ds, k, (b * seqLen + s) * kw + kvh * headDim, dq, qOff, headDim);
                }
            }
        });
        Parallel.forRange(batch * kvHeads * seqLen, 8, (i0, i1) -> {
            for (int idx = i0; idx < i1; idx++) {
                int s = idx % seqLen;
                int kvh = (idx / seqLen) % kvHeads;
                int b = idx / (seqLen * kvHeads);
                int kOff = (b * seqLen + s) * kw + kvh * headDim;
                java.util.Arrays.fill(dk, kOff, kOff + headDim, 0f);
                java.util.Arrays.fill(dv, kOff, kOff + headDim, 0f);
                for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                    for (int t = s; t < seqLen; t++) {
                        int a = ((b * heads + h) * seqLen + t) * seqLen + s;
                        int qOff = (b * seqLen + t) * qw + h * headDim;
                        Vectors.axpy(datt[a], q, qOff, dk, kOff, headDim);
                        Vectors.axpy(att[a], dout, qOff, dv, kOff, headDim);
                    }
                }
            }
        });
    }
}
