package dev.tuna.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Llama MLP gate: out = silu(gate) · up, with silu(g) = g·σ(g). Vector lanes and the scalar tail do the same
 * operations in the same order (with {@link Exp}), so an element's result does not depend on where it falls.
 */
public final class SwiGlu {
    private static final VectorSpecies<Float> F = Exp.F;

    private SwiGlu() {
    }

    public static void forward(float[] out, float[] gate, float[] up, int len) {
        Parallel.forRange(len, 4096, (i0, i1) -> {
            int i = i0;
            for (int upper = i0 + F.loopBound(i1 - i0); i < upper; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                FloatVector e = Exp.exp(g.neg());
                g.div(e.add(1f)).mul(FloatVector.fromArray(F, up, i)).intoArray(out, i);
            }
            for (; i < i1; i++) {
                float g = gate[i];
                out[i] = g / (Exp.exp(-g) + 1f) * up[i];
            }
        });
    }

    /** dgate and dup are overwritten: dσ-weighted gate gradient and silu(gate)·dout. */
    public static void backward(float[] dgate, float[] dup, float[] dout, float[] gate, float[] up, int len) {
        Parallel.forRange(len, 4096, (i0, i1) -> {
            int i = i0;
            for (int upper = i0 + F.loopBound(i1 - i0); i < upper; i += F.length()) {
                FloatVector g = FloatVector.fromArray(F, gate, i);
                FloatVector d = FloatVector.fromArray(F, dout, i);
                FloatVector s = FloatVector.broadcast(F, 1f).div(Exp.exp(g.neg()).add(1f));
                d.mul(g.mul(s)).intoArray(dup, i);
                FloatVector oneMinusS = FloatVector.broadcast(F, 1f).sub(s);
                d.mul(FloatVector.fromArray(F, up, i)).mul(s).mul(g.mul(oneMinusS).add(1f)).intoArray(dgate, i);
            }
            for (; i < i1; i++) {
                float g = gate[i];
                float s = 1f / (Exp.exp(-g) + 1f);
                dup[i] = dout[i] * (g * s);
                dgate[i] = dout[i] * up[i] * s * (g * (1f - s) + 1f);
            }
        });
    }
}
