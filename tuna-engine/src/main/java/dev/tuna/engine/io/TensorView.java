package dev.tuna.engine.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One tensor of a checkpoint: its bytes stay in the memory-mapped file (safetensors is little-endian, row-major)
 * and are only copied onto the heap when {@link #toFloatArray()} is asked for.
 */
public final class TensorView {
    private static final ValueLayout.OfFloat F32_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final MemorySegment data;

    TensorView(String name, DType dtype, long[] shape, MemorySegment data) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.asReadOnly();
    }

    /** The Hugging Face name, e.g. {@code model.layers.0.self_attn.q_proj.weight}. */
    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements (the product of the shape; 1 for a scalar). */
    public long elementCount() {
        return elementCount(shape);
    }

    /** The raw little-endian bytes of exactly this tensor, read-only. */
    public MemorySegment data() {
        return data;
    }

    /** Element {@code i} (row-major), widened to float. */
    public float getFloat(long i) {
        return switch (dtype) {
            case F32 -> data.getAtIndex(F32_LE, i);
            case BF16 -> DType.bf16ToFloat(data.getAtIndex(I16_LE, i));
            case F16 -> Float.float16ToFloat(data.getAtIndex(I16_LE, i));
        };
    }

    /** A heap copy of all elements, widened to float. */
    public float[] toFloatArray() {
        long n = elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor " + name + " has " + n + " elements, too many for one array");
        }
        float[] out = new float[(int) n];
        if (dtype == DType.F32) {
            MemorySegment.copy(data, F32_LE, 0, out, 0, out.length);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = getFloat(i);
            }
        }
        return out;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape);
    }
}
