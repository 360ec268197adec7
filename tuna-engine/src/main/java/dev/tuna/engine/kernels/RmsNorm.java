package dev.tuna.engine.kernels;

/**
 * RMSNorm as Llama defines it: y = x / sqrt(mean(x²) + eps) · w. The forward pass saves the reciprocal RMS per row
 * (rstd) so the backward pass needs no reduction over x again.
 */
public final class RmsNorm {
    private RmsNorm() {
    }

    public static void forward(float[] out, float[] rstd, float[] x, float[] w, int n, int dim, float eps) {
        Parallel.forRange(n, 8, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int off = t * dim;
                float r = (float) (1.0 / Math.sqrt(Vectors.sumSquares(x, off, dim) / dim + eps));
                rstd[t] = r;
                for (int i = 0; i < dim; i++) {
                    out[off + i] = x[off + i] * r * w[i];
                }
            }
        });
    }

    /**
     * dx += ∂L/∂x, and dw += ∂L/∂w when dw is not null. With x̂ = x·r: dx = r·(dout·w − x̂·mean(dout·w·x̂)).
     * dw is reduced over rows on the calling thread to keep a fixed summation order.
     */
    public static void backward(float[] dx, float[] dw, float[] dout, float[] x, float[] w, float[] rstd,
                                int n, int dim) {
        Parallel.forRange(n, 8, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int off = t * dim;
                float r = rstd[t];
                float dot = 0;
                for (int i = 0; i < dim; i++) {
                    dot += dout[off + i] * w[i] * x[off + i];
                }
                float c = dot * r * r * r / dim;
                for (int i = 0; i < dim; i++) {
                    dx[off + i] += r * dout[off + i] * w[i] - c * x[off + i];
                }
            }
        });
        if (dw != null) {
            for (int t = 0; t < n; t++) {
                int off = t * dim;
                float r = rstd[t];
                for (int i = 0; i < dim; i++) {
                    dw[i] += dout[off + i] * x[off + i] * r;
                }
            }
        }
    }
}
