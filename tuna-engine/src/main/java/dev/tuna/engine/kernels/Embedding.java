package dev.tuna.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Token embedding lookup: out[t] = table[ids[t]], a table of [vocab × dim] rows (f32 or bf16). */
public final class Embedding {
    private static final ValueLayout.OfShort BF16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Embedding() {
    }

    public static void forward(float[] out, int[] ids, float[] table, int n, int dim) {
        for (int t = 0; t < n; t++) {
            System.arraycopy(table, ids[t] * dim, out, t * dim, dim);
        }
    }

    public static void forward(float[] out, int[] ids, MemorySegment tableBf16, int n, int dim) {
        for (int t = 0; t < n; t++) {
            long base = (long) ids[t] * dim;
            for (int i = 0; i < dim; i++) {
                out[t * dim + i] = Float.intBitsToFloat(tableBf16.getAtIndex(BF16, base + i) << 16);
            }
        }
    }

    /** dtable[ids[t]] += dout[t]; sequential because a token may repeat. */
    public static void backward(float[] dtable, float[] dout, int[] ids, int n, int dim) {
        for (int t = 0; t < n; t++) {
            Vectors.axpy(1f, dout, t * dim, dtable, ids[t] * dim, dim);
        }
    }
}
