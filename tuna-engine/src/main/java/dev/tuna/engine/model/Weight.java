package dev.tuna.engine.model;

import dev.tuna.engine.io.DType;
import dev.tuna.engine.io.SafetensorsWriter;
import dev.tuna.engine.io.TensorView;
import dev.tuna.engine.kernels.Embedding;
import dev.tuna.engine.kernels.Matmul;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A weight matrix [rows × cols] in the {@code nn.Linear} layout (rows = output features): f32 on the heap (trainable,
 * or converted from f32/f16 files) or bf16 in a memory segment (a memory-mapped checkpoint, never copied).
 */
final class Weight {
    private static final ValueLayout.OfShort BF16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    final String name;
    final int rows;
    final int cols;
    private float[] f32;
    private MemorySegment bf16;
    /** The checkpoint tensor a bf16 weight maps, if any (saving copies its bytes as they are). */
    private TensorView source;

    private Weight(String name, int rows, int cols, float[] f32, MemorySegment bf16) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.f32 = f32;
        this.bf16 = bf16;
    }

    static Weight f32(String name, int rows, int cols, float[] values) {
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + rows + "×" + cols);
        }
        return new Weight(name, rows, cols, values, null);
    }

    static Weight mapped(TensorView view, int rows, int cols) {
        Weight w = bf16(view.name(), rows, cols, view.data());
        w.source = view;
        return w;
    }

    static Weight bf16(String name, int rows, int cols, MemorySegment segment) {
        if (segment.byteSize() != 2L * rows * cols) {
            throw new IllegalArgumentException(name + ": " + segment.byteSize() + " bytes for bf16 " + rows + "×" + cols);
        }
        return new Weight(name, rows, cols, null, segment);
    }

    /** A bf16 matrix of values drawn in row-major order, off-heap (random bf16 models for benchmarks). */
    static Weight bf16Random(String name, int rows, int cols, java.util.function.DoubleSupplier values) {
        long n = (long) rows * cols;
        MemorySegment seg = Arena.ofAuto().allocate(2 * n, 64);
        for (long i = 0; i < n; i++) {
            seg.setAtIndex(BF16, i, DType.floatToBf16((float) values.getAsDouble()));
        }
        return bf16(name, rows, cols, seg);
    }

    boolean isBf16() {
        return bf16 != null;
    }

    /** The f32 values (shared, not copied); only for f32 weights. */
    float[] values() {
        if (f32 == null) {
            throw new IllegalStateException(name + " is bf16; convert it to f32 first");
        }
        return f32;
    }

    /** A heap copy of the values, widened to f32. */
    float[] toFloatArray() {
        if (f32 != null) {
            return f32.clone();
        }
        float[] out = new float[rows * cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat(bf16.getAtIndex(BF16, i) << 16);
        }
        return out;
    }

    /** Converts a bf16 weight to f32 on the heap, in place (for full fine-tuning); the values are unchanged. */
    void convertToF32() {
        if (f32 == null) {
            f32 = toFloatArray();
            bf16 = null;
            source = null;
        }
    }

    /** Adds this weight to a checkpoint being written: mapped bf16 bytes as they are, else widened or narrowed. */
    void writeTo(SafetensorsWriter out, DType dt) {
        if (source != null && dt == DType.BF16) {
            out.copy(name, source);
        } else {
            out.add(name, dt, new long[] {rows, cols}, f32 != null ? f32 : toFloatArray());
        }
    }

    /** out[n×rows] = x[n×cols] · Wᵀ (+ bias). */
    void forward(float[] out, float[] x, float[] bias, int n) {
        if (f32 != null) {
            Matmul.forward(out, x, f32, bias, n, cols, rows);
        } else {
            Matmul.forward(out, x, bf16, bias, n, cols, rows);
        }
    }

    /** This weight's part of a {@link Matmul#forwardAll}: out[n×rows] = x · Wᵀ (+ bias). */
    Matmul.Product product(float[] out, float[] bias) {
        return new Matmul.Product(out, f32, bf16, bias, rows);
    }

    /** dx[n×cols] += dout[n×rows] · W. */
    void backwardInput(float[] dx, float[] dout, int n) {
        if (f32 != null) {
            Matmul.backwardInput(dx, dout, f32, n, cols, rows);
        } else {
            Matmul.backwardInput(dx, dout, bf16, n, cols, rows);
        }
    }

    /** Rows {@code ids} of the matrix (an embedding table [vocab × dim]) into out[n×cols]. */
    void gatherRows(float[] out, int[] ids, int n) {
        if (f32 != null) {
            Embedding.forward(out, ids, f32, n, cols);
        } else {
            Embedding.forward(out, ids, bf16, n, cols);
        }
    }
}
