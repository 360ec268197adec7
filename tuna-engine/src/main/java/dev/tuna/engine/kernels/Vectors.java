package dev.tuna.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Small SIMD helpers shared by the non-matmul kernels (attention products, norms, element-wise ops). */
public final class Vectors {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private Vectors() {
    }

    /** Σ a[aOff+i]·b[bOff+i] for i in [0, len). */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        var acc = FloatVector.zero(F);
        int i = 0;
        for (int upper = F.loopBound(len); i < upper; i += F.length()) {
            acc = FloatVector.fromArray(F, a, aOff + i).fma(FloatVector.fromArray(F, b, bOff + i), acc);
        }
        float s = sumLanes(acc);
        for (; i < len; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    /**
     * The lanes added in index order. {@code reduceLanes(ADD)} leaves the order open, and the JIT-compiled order
     * differs from the interpreter's, so results would change bits as the code warms up.
     */
    static float sumLanes(FloatVector v) {
        float s = v.lane(0);
        for (int l = 1; l < v.length(); l++) {
            s += v.lane(l);
        }
        return s;
    }

    /** y[yOff+i] += alpha·x[xOff+i] for i in [0, len). */
    public static void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
        var a = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (int upper = F.loopBound(len); i < upper; i += F.length()) {
            FloatVector.fromArray(F, x, xOff + i).fma(a, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    /** Σ x[off+i]² for i in [0, len). */
    public static float sumSquares(float[] x, int off, int len) {
        return dot(x, off, x, off, len);
    }
}
