package dev.tuna.engine.kernels;

/** Residual connections: out = a + b forward; the backward pass hands the same gradient to both branches. */
public final class Residual {
    private Residual() {
    }

    public static void forward(float[] out, float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = a[i] + b[i];
        }
    }

    /** d += dout (the gradient reaching one branch of a residual sum). */
    public static void backward(float[] d, float[] dout, int len) {
        Vectors.axpy(1f, dout, 0, d, 0, len);
    }
}
