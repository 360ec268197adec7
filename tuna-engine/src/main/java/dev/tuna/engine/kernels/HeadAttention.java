package dev.tuna.engine.kernels;

import java.util.Arrays;

/**
 * Causal grouped-query self-attention of one sequence, computed head by head with {@link Matmul} products (the
 * training path): S = Q_h·K_hᵀ, P = softmax(scale·S) under the causal mask, O_h = P·V_h, and the mirrored products
 * in the backward pass. The square products also cover the masked upper triangle (where P is exactly 0), but at
 * matrix-multiply speed that costs less than per-pair dot products.
 *
 * <p>Layouts as in {@link Attention}: q, out [seqLen × heads·headDim], k, v [seqLen × kvHeads·headDim]; query head h
 * reads key/value head h / (heads/kvHeads). Only each softmax row's max and normaliser are kept (rowMax, rowInv
 * [heads × seqLen]); the backward pass recomputes the probabilities from them, bit for bit, so memory does not grow
 * with the square of the sequence length. Every element is reduced in a fixed order, so results do not depend on
 * the thread count.
 */
public final class HeadAttention {
    private final int capacity;
    private final int headDim;
    private final float[] qh;
    private final float[] kh;
    private final float[] vh;
    private final float[] oh;
    private final float[] dqh;
    private final float[] dkh;
    private final float[] dvh;
    private final float[] p;
    private final float[] ds;

    /** Scratch for sequences of up to {@code capacity} tokens (reused across calls; not thread-safe). */
    public HeadAttention(int capacity, int headDim) {
        this.capacity = capacity;
        this.headDim = headDim;
        qh = new float[capacity * headDim];
        kh = new float[capacity * headDim];
        vh = new float[capacity * headDim];
        oh = new float[capacity * headDim];
        dqh = new float[capacity * headDim];
        dkh = new float[capacity * headDim];
        dvh = new float[capacity * headDim];
        p = new float[capacity * capacity];
        ds = new float[capacity * capacity];
    }

    private void checkFits(int seqLen, int hd) {
        if (seqLen > capacity || hd != headDim) {
            throw new IllegalArgumentException("scratch is for " + capacity + " tokens of head size " + headDim);
        }
    }

    public void forward(float[] out, float[] rowMax, float[] rowInv, float[] q, float[] k, float[] v,
                               int seqLen, int heads, int kvHeads, int headDim) {
        checkFits(seqLen, headDim);
        int group = heads / kvHeads;
        int n = seqLen;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        float[] vt = vh;
        for (int kvh = 0; kvh < kvHeads; kvh++) {
            gather(kh, k, n, kvHeads * headDim, kvh * headDim, headDim);
            transpose(vt, v, n, kvHeads * headDim, kvh * headDim, headDim);
            for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                gather(qh, q, n, heads * headDim, h * headDim, headDim);
                Matmul.forward(p, qh, kh, null, n, headDim, n);
                softmaxRows(p, n, scale, rowMax, rowInv, h * n);
                Matmul.forward(oh, p, vt, null, n, n, headDim);
                scatter(out, oh, n, heads * headDim, h * headDim, headDim);
            }
        }
    }

    /** dq, dk, dv are overwritten. */
    public void backward(float[] dq, float[] dk, float[] dv, float[] dout, float[] rowMax, float[] rowInv,
                                float[] q, float[] k, float[] v, int seqLen, int heads, int kvHeads, int headDim) {
        checkFits(seqLen, headDim);
        int group = heads / kvHeads;
        int n = seqLen;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        float[] doh = oh;
        for (int kvh = 0; kvh < kvHeads; kvh++) {
            gather(kh, k, n, kvHeads * headDim, kvh * headDim, headDim);
            gather(vh, v, n, kvHeads * headDim, kvh * headDim, headDim);
            Arrays.fill(dkh, 0, n * headDim, 0f);
            Arrays.fill(dvh, 0, n * headDim, 0f);
            for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                gather(qh, q, n, heads * headDim, h * headDim, headDim);
                gather(doh, dout, n, heads * headDim, h * headDim, headDim);
                Matmul.forward(p, qh, kh, null, n, headDim, n);
                recomputeRows(p, n, scale, rowMax, rowInv, h * n);
                Matmul.forward(ds, doh, vh, null, n, headDim, n); // dP = dO·Vᵀ
                softmaxBackwardRows(ds, p, n, scale);              // dS, scaled, zero above the diagonal
                Arrays.fill(dqh, 0, n * headDim, 0f);
                Matmul.backwardInput(dqh, ds, kh, n, headDim, n);  // dQ = dS·K
                scatter(dq, dqh, n, heads * headDim, h * headDim, headDim);
                Matmul.backwardWeight(dkh, null, ds, qh, n, headDim, n); // dK += dSᵀ·Q
                Matmul.backwardWeight(dvh, null, p, doh, n, headDim, n); // dV += Pᵀ·dO
            }
            scatter(dk, dkh, n, kvHeads * headDim, kvh * headDim, headDim);
            scatter(dv, dvh, n, kvHeads * headDim, kvh * headDim, headDim);
        }
    }

    /**
     * Row t: p[t][s] = softmax over s ≤ t of scale·s[t][s], and exactly 0 for s &gt; t; the row's max and 1/sum go
     * to rowMax/rowInv[statsOff + t].
     */
    private static void softmaxRows(float[] p, int n, float scale, float[] rowMax, float[] rowInv, int statsOff) {
        Parallel.forRange(n, 16, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int off = t * n;
                float max = Float.NEGATIVE_INFINITY;
                for (int s = 0; s <= t; s++) {
                    max = Math.max(max, p[off + s] * scale);
                }
                Exp.exp(p, off, p, off, t + 1, scale, max, 1f);
                float sum = 0;
                for (int s = 0; s <= t; s++) {
                    sum += p[off + s];
                }
                float inv = 1f / sum;
                for (int s = 0; s <= t; s++) {
                    p[off + s] *= inv;
                }
                Arrays.fill(p, off + t + 1, off + n, 0f);
                rowMax[statsOff + t] = max;
                rowInv[statsOff + t] = inv;
            }
        });
    }

    /** The probabilities of {@link #softmaxRows} again, from the same scores and the saved max and 1/sum. */
    private static void recomputeRows(float[] p, int n, float scale, float[] rowMax, float[] rowInv, int statsOff) {
        Parallel.forRange(n, 16, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int off = t * n;
                float max = rowMax[statsOff + t];
                float inv = rowInv[statsOff + t];
                Exp.exp(p, off, p, off, t + 1, scale, max, inv); // the same bits as the forward pass
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
