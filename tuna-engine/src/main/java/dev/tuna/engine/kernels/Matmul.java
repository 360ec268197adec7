package dev.tuna.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Linear-layer matrix products in the Hugging Face {@code nn.Linear} layout: a weight W is [outDim × in], row-major,
 * and {@code out = x · Wᵀ}. x and out are [n × in] and [n × outDim] row-major (n = tokens). Weights are f32 arrays or
 * little-endian bf16 memory segments (memory-mapped checkpoints stay in their stored precision).
 *
 * <p>Weight segments are read from worker threads, so they must come from a shared (or global/auto) arena.
 * Every output element is reduced in one fixed order by one thread, so results do not depend on the thread count.
 */
public final class Matmul {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final ValueLayout.OfShort BF16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Matmul() {
    }

    /** out[n×outDim] = x[n×in] · Wᵀ (+ bias[outDim] when not null); W is f32 [outDim×in]. */
    public static void forward(float[] out, float[] x, float[] w, float[] bias, int n, int in, int outDim) {
        Parallel.forRange(outDim, 16, (o0, o1) -> {
            for (int t = 0; t < n; t++) {
                int xOff = t * in;
                for (int o = o0; o < o1; o++) {
                    float s = dot(x, xOff, w, o * in, in);
                    out[t * outDim + o] = bias == null ? s : s + bias[o];
                }
            }
        });
    }

    /** As {@link #forward(float[], float[], float[], float[], int, int, int)} with W in bf16. */
    public static void forward(float[] out, float[] x, MemorySegment wBf16, float[] bias, int n, int in, int outDim) {
        Parallel.forRange(outDim, 16, (o0, o1) -> {
            float[] row = new float[in];
            for (int o = o0; o < o1; o++) {
                bf16Row(wBf16, (long) o * in, row, in);
                for (int t = 0; t < n; t++) {
                    float s = dot(x, t * in, row, 0, in);
                    out[t * outDim + o] = bias == null ? s : s + bias[o];
                }
            }
        });
    }

    /** dx[n×in] += dout[n×outDim] · W; W is f32 [outDim×in]. */
    public static void backwardInput(float[] dx, float[] dout, float[] w, int n, int in, int outDim) {
        Parallel.forRange(n, 1, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                for (int o = 0; o < outDim; o++) {
                    axpy(dout[t * outDim + o], w, o * in, dx, t * in, in);
                }
            }
        });
    }

    /** As {@link #backwardInput(float[], float[], float[], int, int, int)} with W in bf16. */
    public static void backwardInput(float[] dx, float[] dout, MemorySegment wBf16, int n, int in, int outDim) {
        Parallel.forRange(n, 1, (t0, t1) -> {
            float[] row = new float[in];
            for (int t = t0; t < t1; t++) {
                for (int o = 0; o < outDim; o++) {
                    bf16Row(wBf16, (long) o * in, row, in);
                    axpy(dout[t * outDim + o], row, 0, dx, t * in, in);
                }
            }
        });
    }

    /** dW[outDim×in] += doutᵀ · x, and dbias[outDim] += Σₙ dout when dbias is not null. */
    public static void backwardWeight(float[] dw, float[] dbias, float[] dout, float[] x, int n, int in, int outDim) {
        Parallel.forRange(outDim, 4, (o0, o1) -> {
            for (int o = o0; o < o1; o++) {
                for (int t = 0; t < n; t++) {
                    float g = dout[t * outDim + o];
                    axpy(g, x, t * in, dw, o * in, in);
                    if (dbias != null) {
                        dbias[o] += g;
                    }
                }
            }
        });
    }

    static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        var acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(len); i < upper; i += F.length()) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
        var a = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (int upper = F.loopBound(len); i < upper; i += F.length()) {
            FloatVector.fromArray(F, x, xOff + i).fma(a, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** Widens bf16 values [index, index+len) of a segment into row[0, len). */
    static void bf16Row(MemorySegment seg, long index, float[] row, int len) {
        for (int i = 0; i < len; i++) {
            row[i] = Float.intBitsToFloat(seg.getAtIndex(BF16, index + i) << 16);
        }
    }
}
