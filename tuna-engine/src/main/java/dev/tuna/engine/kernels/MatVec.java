package dev.tuna.engine.kernels;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Matmul#forward} for a few rows of x (decoding: n = 1): memory-bound, so W is streamed exactly once, four
 * rows at a time, each dotted with every x row. bf16 rows are widened into a small per-thread buffer on the way.
 *
 * <p>Each output is a fixed sum: lane-wise FMA chains over k ≡ lane (mod vector length), the lanes added in index
 * order, then the scalar tail — the same for f32 and bf16 weights and at any thread count.
 */
final class MatVec {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** W rows per block. */
    private static final int ROWS = 4;
    /** Below this many weight bytes the product runs on the calling thread. */
    private static final long SERIAL_BYTES = 1L << 18;

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(
            () -> new float[][] {new float[0], new float[ROWS * L]});

    private MatVec() {
    }

    static void forward(float[] out, float[] x, float[] w, MemorySegment wBf16, float[] bias,
                        int n, int in, int outDim) {
        forwardAll(x, n, in, new Matmul.Product(out, w, wBf16, bias, outDim));
    }

    /**
     * Several products of the same x in one parallel loop (decoding's q, k, v or gate, up): one hand-off between
     * threads instead of one per matrix. Each output is computed exactly as by {@link #forward}.
     */
    static void forwardAll(float[] x, int n, int in, Matmul.Product... products) {
        int[] firstBlock = new int[products.length + 1];
        long bytes = 0;
        for (int p = 0; p < products.length; p++) {
            Matmul.Product pr = products[p];
            firstBlock[p + 1] = firstBlock[p] + Math.ceilDiv(pr.outDim(), ROWS);
            bytes += (long) pr.outDim() * in * (pr.w() != null ? 4 : 2);
        }
        int blocks = firstBlock[products.length];
        // Chunks of ~64 KB of weights: fine-grained enough to balance, coarse enough to amortise the hand-off.
        int grain = bytes < SERIAL_BYTES ? blocks : Math.max(1, (1 << 16) / Math.max(1, in * ROWS * 2));
        Parallel.forRange(blocks, grain, (b0, b1) -> {
            float[][] scratch = SCRATCH.get();
            int p = 0;
            for (int b = b0; b < b1; b++) {
                while (b >= firstBlock[p + 1]) {
                    p++;
                }
                block(products[p], b - firstBlock[p], x, n, in, scratch);
            }
        });
    }

    /** Output rows [4·b, 4·b + 4) of one product, for every x row. */
    private static void block(Matmul.Product pr, int b, float[] x, int n, int in, float[][] scratch) {
        float[] w = pr.w();
        int outDim = pr.outDim();
        float[] out = pr.out();
        float[] bias = pr.bias();
        int o0 = b * ROWS;
        int count = Math.min(ROWS, outDim - o0);
        float[] rows = w;
        int wOff = o0 * in;
        if (w == null) {
            if (scratch[0].length < ROWS * in) {
                scratch[0] = new float[ROWS * in];
            }
            rows = scratch[0];
            Panel.widenRow(pr.wBf16(), (long) o0 * in, rows, 0, count * in);
            wOff = 0;
        }
        float[] lanes = scratch[1];
        for (int t = 0; t < n; t++) {
            int outOff = t * outDim + o0;
            if (count == ROWS) {
                dot4(x, t * in, rows, wOff, in, lanes, out, outOff);
            } else {
                for (int r = 0; r < count; r++) {
                    out[outOff + r] = dot(x, t * in, rows, wOff + r * in, in, lanes);
                }
            }
            if (bias != null) {
                for (int r = 0; r < count; r++) {
                    out[outOff + r] += bias[o0 + r];
                }
            }
        }
    }

    private static void dot4(float[] x, int xOff, float[] w, int wOff, int len, float[] lanes,
                             float[] out, int outOff) {
        int w1 = wOff + len, w2 = w1 + len, w3 = w2 + len;
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
        int i = 0;
        for (int upper = F.loopBound(len); i < upper; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, xOff + i);
            a0 = FloatVector.fromArray(F, w, wOff + i).fma(xv, a0);
            a1 = FloatVector.fromArray(F, w, w1 + i).fma(xv, a1);
            a2 = FloatVector.fromArray(F, w, w2 + i).fma(xv, a2);
            a3 = FloatVector.fromArray(F, w, w3 + i).fma(xv, a3);
        }
        out[outOff] = finish(a0, x, xOff, w, wOff, i, len, lanes);
        out[outOff + 1] = finish(a1, x, xOff, w, w1, i, len, lanes);
        out[outOff + 2] = finish(a2, x, xOff, w, w2, i, len, lanes);
        out[outOff + 3] = finish(a3, x, xOff, w, w3, i, len, lanes);
    }

    private static float dot(float[] x, int xOff, float[] w, int wOff, int len, float[] lanes) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(len); i < upper; i += L) {
            acc = FloatVector.fromArray(F, w, wOff + i).fma(FloatVector.fromArray(F, x, xOff + i), acc);
        }
        return finish(acc, x, xOff, w, wOff, i, len, lanes);
    }

    /** Adds the lanes in index order (reduceLanes leaves the order open), then the elements past the last vector. */
    private static float finish(FloatVector acc, float[] x, int xOff, float[] w, int wOff, int from, int len,
                                float[] lanes) {
        acc.intoArray(lanes, 0);
        float s = lanes[0];
        for (int l = 1; l < L; l++) {
            s += lanes[l];
        }
        for (int i = from; i < len; i++) {
            s = Math.fma(x[xOff + i], w[wOff + i], s);
        }
        return s;
    }
}
