package dev.tuna.engine.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The right-hand operand B[K×N] of a {@link Gemm}, copied one panel at a time into the contiguous, k-major,
 * {@link Gemm#NR}-wide f32 layout the micro-kernel reads. Packing is where bf16 weights are widened: they stay bf16
 * in memory and only a panel (a few KB) exists in f32 at a time. Columns past the matrix edge are packed as zeros.
 */
abstract class Panel {
    static final ValueLayout.OfShort BF16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> S = F.length() == 8 ? ShortVector.SPECIES_128
            : F.length() == 16 ? ShortVector.SPECIES_256 : ShortVector.SPECIES_64;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;

    /** Writes B[k0 + k][j0 + j] to dst[k·NR + j] for k < kLen, j < NR (zero where j0 + j ≥ N). */
    abstract void pack(int k0, int kLen, int j0, float[] dst);

    /** B[k][j] = m[k·ld + j]: a row-major f32 matrix with n columns. */
    static Panel rows(float[] m, int ld, int n) {
        return new Panel() {
            @Override
            void pack(int k0, int kLen, int j0, float[] dst) {
                int width = Math.min(Gemm.NR, n - j0);
                if (width == Gemm.NR) {
                    for (int k = 0; k < kLen; k++) {
                        int src = (k0 + k) * ld + j0;
                        FloatVector.fromArray(F, m, src).intoArray(dst, k * Gemm.NR);
                        FloatVector.fromArray(F, m, src + F.length()).intoArray(dst, k * Gemm.NR + F.length());
                    }
                    return;
                }
                for (int k = 0; k < kLen; k++) {
                    System.arraycopy(m, (k0 + k) * ld + j0, dst, k * Gemm.NR, width);
                }
                zeroColumns(dst, kLen, width);
            }
        };
    }

    /** As {@link #rows(float[], int, int)} for a bf16 matrix, widened while packing. */
    static Panel rowsBf16(MemorySegment m, int ld, int n) {
        return new Panel() {
            @Override
            void pack(int k0, int kLen, int j0, float[] dst) {
                int width = Math.min(Gemm.NR, n - j0);
                if (width == Gemm.NR && S.length() == F.length()) {
                    for (int k = 0; k < kLen; k++) {
                        long src = 2L * ((long) (k0 + k) * ld + j0);
                        widen(m, src).intoArray(dst, k * Gemm.NR);
                        widen(m, src + 2L * F.length()).intoArray(dst, k * Gemm.NR + F.length());
                    }
                    return;
                }
                for (int k = 0; k < kLen; k++) {
                    long src = (long) (k0 + k) * ld + j0;
                    for (int j = 0; j < width; j++) {
                        dst[k * Gemm.NR + j] = Float.intBitsToFloat(m.getAtIndex(BF16, src + j) << 16);
                    }
                }
                zeroColumns(dst, kLen, width);
            }
        };
    }

    /** F.length() bf16 values at byteOffset, widened exactly to f32 (bf16 is the top half of an f32). */
    static FloatVector widen(MemorySegment m, long byteOffset) {
        return ((IntVector) ShortVector.fromMemorySegment(S, m, byteOffset, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, I, 0))
                .lanewise(VectorOperators.LSHL, 16)
                .reinterpretAsFloats();
    }

    /** Widens bf16 elements [index, index+len) into dst[dOff, dOff+len). */
    static void widenRow(MemorySegment m, long index, float[] dst, int dOff, int len) {
        int i = 0;
        if (S.length() == F.length()) {
            for (int upper = F.loopBound(len); i < upper; i += F.length()) {
                widen(m, 2L * (index + i)).intoArray(dst, dOff + i);
            }
        }
        for (; i < len; i++) {
            dst[dOff + i] = Float.intBitsToFloat(m.getAtIndex(BF16, index + i) << 16);
        }
    }

    private static void zeroColumns(float[] dst, int kLen, int width) {
        if (width == Gemm.NR) {
            return;
        }
        for (int k = 0; k < kLen; k++) {
            java.util.Arrays.fill(dst, k * Gemm.NR + width, (k + 1) * Gemm.NR, 0f);
        }
    }
}
