package dev.tuna.engine.kernels;

/** The Llama MLP gate: out = silu(gate) · up, with silu(g) = g·σ(g). */
public final class SwiGlu {
    private SwiGlu() {
    }

    public static void forward(float[] out, float[] gate, float[] up, int len) {
        Parallel.forRange(len, 4096, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                float g = gate[i];
                out[i] = g / (1f + (float) Math.exp(-g)) * up[i];
            }
        });
    }

    /** dgate and dup are overwritten: dσ-weighted gate gradient and silu(gate)·dout. */
    public static void backward(float[] dgate, float[] dup, float[] dout, float[] gate, float[] up, int len) {
        Parallel.forRange(len, 4096, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                float g = gate[i];
                float s = 1f / (1f + (float) Math.exp(-g));
                float silu = g * s;
                dup[i] = dout[i] * silu;
                dgate[i] = dout[i] * up[i] * s * (1f + g * (1f - s));
            }
        });
    }
}
