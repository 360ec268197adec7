package dev.tuna.engine.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Linear-layer matrix products in the Hugging Face {@code nn.Linear} layout: a weight W is [outDim × in], row-major,
 * and {@code out = x · Wᵀ}. x and out are [n × in] and [n × outDim] row-major (n = tokens). Weights are f32 arrays or
 * little-endian bf16 memory segments (memory-mapped checkpoints stay in their stored precision).
 *
 * <p>Weight segments are read from worker threads, so they must come from a shared (or global/auto) arena.
 * Every output element is reduced in one fixed order by one thread, so results do not depend on the thread count.
 */
public final class Matmul {
    /** Below this many rows of x, forward streams W once as dot products instead of packing it for the tiled GEMM. */
    private static final int MATVEC_ROWS = 8;

    private Matmul() {
    }

    /** out[n×outDim] = x[n×in] · Wᵀ (+ bias[outDim] when not null); W is f32 [outDim×in]. */
    public static void forward(float[] out, float[] x, float[] w, float[] bias, int n, int in, int outDim) {
        if (n < MATVEC_ROWS) {
            MatVec.forward(out, x, w, null, bias, n, in, outDim);
        } else {
            Gemm.multiplyTransposed(outDim, n, in, RowBlock.f32(w, in), x, out, bias);
        }
    }

    /** As {@link #forward(float[], float[], float[], float[], int, int, int)} with W in bf16. */
    public static void forward(float[] out, float[] x, MemorySegment wBf16, float[] bias, int n, int in, int outDim) {
        if (n < MATVEC_ROWS) {
            MatVec.forward(out, x, null, wBf16, bias, n, in, outDim);
        } else {
            Gemm.multiplyTransposed(outDim, n, in, RowBlock.bf16(wBf16, in), x, out, bias);
        }
    }

    /** One product out[n×outDim] = x · Wᵀ (+ bias) of {@link #forwardAll}; W is f32 (w) or bf16 (wBf16). */
    public record Product(float[] out, float[] w, MemorySegment wBf16, float[] bias, int outDim) {
    }

    /**
     * Several products of the same x[n×in], each as {@link #forward} computes it. For a few rows of x (decoding) they
     * share one parallel loop, which halves the hand-offs between threads per layer.
     */
    public static void forwardAll(float[] x, int n, int in, Product... products) {
        if (n < MATVEC_ROWS) {
            MatVec.forwardAll(x, n, in, products);
            return;
        }
        for (Product p : products) {
            RowBlock w = p.w() != null ? RowBlock.f32(p.w(), in) : RowBlock.bf16(p.wBf16(), in);
            Gemm.multiplyTransposed(p.outDim(), n, in, w, x, p.out(), p.bias());
        }
    }

    /** dx[n×in] += dout[n×outDim] · W; W is f32 [outDim×in]. */
    public static void backwardInput(float[] dx, float[] dout, float[] w, int n, int in, int outDim) {
        Gemm.multiply(n, in, outDim, dout, outDim, 1, Panel.rows(w, in, in), dx, in, true, null);
    }

    /** As {@link #backwardInput(float[], float[], float[], int, int, int)} with W in bf16. */
    public static void backwardInput(float[] dx, float[] dout, MemorySegment wBf16, int n, int in, int outDim) {
        Gemm.multiply(n, in, outDim, dout, outDim, 1, Panel.rowsBf16(wBf16, in, in), dx, in, true, null);
    }

    /** dW[outDim×in] += doutᵀ · x, and dbias[outDim] += Σₙ dout when dbias is not null. */
    public static void backwardWeight(float[] dw, float[] dbias, float[] dout, float[] x, int n, int in, int outDim) {
        Gemm.multiply(outDim, in, n, dout, 1, outDim, Panel.rows(x, in, in), dw, in, true, null);
        if (dbias != null) {
            for (int t = 0; t < n; t++) {
                for (int o = 0; o < outDim; o++) {
                    dbias[o] += dout[t * outDim + o];
                }
            }
        }
    }
}
