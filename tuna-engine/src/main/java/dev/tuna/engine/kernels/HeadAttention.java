package dev.tuna.engine.kernels;

import java.util.Arrays;

/**
 * Causal grouped-query self-attention of one sequence, computed head by head with {@link Matmul} products (the
 * training path): S = Q_h·K_hᵀ, P = softmax(scale·S) under the causal mask, O_h = P·V_h, and the mirrored products
 * in the backward pass. The square products also cover the masked upper triangle (where P is exactly 0), but at
 * matrix-multiply speed that costs less than per-pair dot products.
 *
 * <p>Layouts as in {@link Attention}: q, out [seqLen × heads·headDim], k, v [seqLen × kvHeads·headDim]; query head h
 * reads key/value head h / (heads/kvHeads). probs[h] holds head h's probabilities [seqLen × seqLen] for the
 * backward pass. Every element is reduced in a fixed order, so results do not depend on the thread count.
 */
public final class HeadAttention {
    private HeadAttention() {
    }

    public static void forward(float[] out, float[][] probs, float[] q, float[] k, float[] v,
                               int seqLen, int heads, int kvHeads, int headDim) {
        int group = heads / kvHeads;
        int n = seqLen;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        float[] qh = new float[n * headDim];
        float[] kh = new float[n * headDim];
        float[] vt = new float[headDim * n];
        float[] oh = new float[n * headDim];
        for (int kvh = 0; kvh < kvHeads; kvh++) {
            gather(kh, k, n, kvHeads * headDim, kvh * headDim, headDim);
            transpose(vt, v, n, kvHeads * headDim, kvh * headDim, headDim);
            for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                float[] p = probs[h];
                gather(qh, q, n, heads * headDim, h * headDim, headDim);
                Matmul.forward(p, qh, kh, null, n, headDim, n);
                softmaxRows(p, n, scale);
                Matmul.forward(oh, p, vt, null, n, n, headDim);
                scatter(out, oh, n, heads * headDim, h * headDim, headDim);
            }
        }
    }

    /** dq, dk, dv are overwritten. */
    public static void backward(float[] dq, float[] dk, float[] dv, float[] dout, float[][] probs,
                                float[] q, float[] k, float[] v, int seqLen, int heads, int kvHeads, int headDim) {
        int group = heads / kvHeads;
        int n = seqLen;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        float[] qh = new float[n * headDim];
        float[] kh = new float[n * headDim];
        float[] vh = new float[n * headDim];
        float[] doh = new float[n * headDim];
        float[] dqh = new float[n * headDim];
        float[] dkh = new float[n * headDim];
        float[] dvh = new float[n * headDim];
        float[] ds = new float[n * n];
        for (int kvh = 0; kvh < kvHeads; kvh++) {
            gather(kh, k, n, kvHeads * headDim, kvh * headDim, headDim);
            gather(vh, v, n, kvHeads * headDim, kvh * headDim, headDim);
            Arrays.fill(dkh, 0f);
            Arrays.fill(dvh, 0f);
            for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                float[] p = probs[h];
                gather(qh, q, n, heads * headDim, h * headDim, headDim);
                gather(doh, dout, n, heads * headDim, h * headDim, headDim);
                Matmul.forward(ds, doh, vh, null, n, headDim, n); // dP = dO·Vᵀ
                softmaxBackwardRows(ds, p, n, scale);              // dS, scaled, zero above the diagonal
                Arrays.fill(dqh, 0f);
                Matmul.backwardInput(dqh, ds, kh, n, headDim, n);  // dQ = dS·K
                scatter(dq, dqh, n, heads * headDim, h * headDim, headDim);
                Matmul.backwardWeight(dkh, null, ds, qh, n, headDim, n); // dK += dSᵀ·Q
                Matmul.backwardWeight(dvh, null, p, doh, n, headDim, n); // dV += Pᵀ·dO
            }
            scatter(dk, dkh, n, kvHeads * headDim, kvh * headDim, headDim);
            scatter(dv, dvh, n, kvHeads * headDim, kvh * headDim, headDim);
        }
    }

    /** Row t: p[t][s] = softmax over s ≤ t of scale·s[t][s], and exactly 0 for s &gt; t. */
    private static void softmaxRows(float[] p, int n, float scale) {
        Parallel.forRange(n, 16, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int off = t * n;
                float max = Float.NEGATIVE_INFINITY;
                for (int s = 0; s <= t; s++) {
                    float score = p[off + s] * scale;
                    p[off + s] = score;
                    max = Math.max(max, score);
                }
                float sum = 0;
                for (int s = 0; s <= t; s++) {
                    float e = (float) Math.exp(p[off + s] - max);
                    p[off + s] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                for (int s = 0; s <= t; s++) {
                    p[off + s] *= inv;
                }
                Arrays.fill(p, off + t + 1, off + n, 0f);
            }
        });
    }

    /** dp becomes dS = scale · P ⊙ (dP − Σₛ dP·P) per row, 0 above the diagonal. */
    private static void softmaxBackwardRows(float[] dp, float[] p, int n, float scale) {
        Parallel.forRange(n, 16, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int off = t * n;
                float weighted = 0;
                for (int s = 0; s <= t; s++) {
                    weighted += dp[off + s] * p[off + s];
                }
                for (int s = 0; s <= t; s++) {
                    dp[off + s] = p[off + s] * (dp[off + s] - weighted) * scale;
                }
                Arrays.fill(dp, off + t + 1, off + n, 0f);
            }
        });
    }

    /** dst[n × width] = columns [col, col+width) of src [n × stride]. */
    private static void gather(float[] dst, float[] src, int n, int stride, int col, int width) {
        for (int t = 0; t < n; t++) {
            System.arraycopy(src, t * stride + col, dst, t * width, width);
        }
    }

    private static void scatter(float[] dst, float[] src, int n, int stride, int col, int width) {
        for (int t = 0; t < n; t++) {
            System.arraycopy(src, t * width, dst, t * stride + col, width);
        }
    }

    /** dst[width × n] = the transpose of columns [col, col+width) of src [n × stride]. */
    private static void transpose(float[] dst, float[] src, int n, int stride, int col, int width) {
        for (int t = 0; t < n; t++) {
            for (int d = 0; d < width; d++) {
                dst[d * n + t] = src[t * stride + col + d];
            }
        }
    }
}
