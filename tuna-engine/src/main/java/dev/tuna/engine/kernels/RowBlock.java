package dev.tuna.engine.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Row-major rows of a weight matrix, copied (f32) or widened (bf16) into a small contiguous f32 block for
 * {@link Gemm#multiplyTransposed}: rows stay rows, so this is a streaming copy, not a transpose.
 */
abstract class RowBlock {
    /** dst[r·kLen + kk] = W[i0 + r][k0 + kk] for r < rows, kk < kLen. */
    abstract void load(int i0, int rows, int k0, int kLen, float[] dst);

    static RowBlock f32(float[] w, int ld) {
        return new RowBlock() {
            @Override
            void load(int i0, int rows, int k0, int kLen, float[] dst) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(w, (i0 + r) * ld + k0, dst, r * kLen, kLen);
                }
            }
        };
    }

    static RowBlock bf16(MemorySegment w, int ld) {
        return new RowBlock() {
            @Override
            void load(int i0, int rows, int k0, int kLen, float[] dst) {
                for (int r = 0; r < rows; r++) {
                    Panel.widenRow(w, (long) (i0 + r) * ld + k0, dst, r * kLen, kLen);
                }
            }
        };
    }
}
