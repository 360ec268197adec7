package dev.tuna.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x in float, vectorised, for the softmax and SiLU kernels. The Vector API's own EXP gives different bits
 * interpreted and compiled, which would break reproducible training; this one is built from IEEE add, multiply and
 * fused multiply-add only, so the vector lanes, the scalar form and every JIT tier agree to the bit.
 *
 * <p>x = n·ln2 + r with |r| ≤ ln2/2 (Cody-Waite, ln2 split in two), e^r by its Taylor polynomial to r⁷ (truncation
 * below 2·10⁻⁸ relative), times 2ⁿ built in the exponent bits. Inputs are clamped to [−87.3, 88]: below, the true
 * value is under the smallest normal float and 1.2·10⁻³⁸ is returned; above, 1.65·10³⁸.
 */
final class Exp {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final float MIN = -87.3f;
    private static final float MAX = 88.0f;
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.42860677e-06f;
    /** 1.5·2²³: adding it rounds to an integer, which then sits in the low mantissa bits. */
    private static final float SHIFTER = 12582912f;
    private static final int SHIFTER_BITS = 0x4B400000;
    private static final float C2 = 1f / 2, C3 = 1f / 6, C4 = 1f / 24, C5 = 1f / 120, C6 = 1f / 720, C7 = 1f / 5040;

    private Exp() {
    }

    static float exp(float x) {
        x = Math.min(Math.max(x, MIN), MAX);
        float t = Math.fma(x, LOG2E, SHIFTER);
        float n = t - SHIFTER;
        int k = Float.floatToRawIntBits(t) - SHIFTER_BITS;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(C7, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1f);
        p = Math.fma(p, r, 1f);
        return p * Float.intBitsToFloat((k + 127) << 23);
    }

    /**
     * dst[dOff + i] = e^(src[sOff + i]·scale − shift) · factor for i &lt; len (src and dst may be the same array).
     * The vector body and the scalar tail do the same operations, so an element's bits do not depend on where it
     * falls; scale and factor of 1 are exact.
     */
    static void exp(float[] src, int sOff, float[] dst, int dOff, int len, float scale, float shift, float factor) {
        int i = 0;
        for (int upper = F.loopBound(len); i < upper; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, src, sOff + i).mul(scale).sub(shift);
            exp(x).mul(factor).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) {
            dst[dOff + i] = exp(src[sOff + i] * scale - shift) * factor;
        }
    }

    static FloatVector exp(FloatVector x) {
        x = x.max(MIN).min(MAX);
        FloatVector t = x.fma(LOG2E, SHIFTER);
        FloatVector n = t.sub(SHIFTER);
        IntVector k = t.reinterpretAsInts().sub(SHIFTER_BITS);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(F, C7).fma(r, FloatVector.broadcast(F, C6));
        p = p.fma(r, FloatVector.broadcast(F, C5));
        p = p.fma(r, FloatVector.broadcast(F, C4));
        p = p.fma(r, FloatVector.broadcast(F, C3));
        p = p.fma(r, FloatVector.broadcast(F, C2));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        p = p.fma(r, FloatVector.broadcast(F, 1f));
        return p.mul(k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
    }
}
