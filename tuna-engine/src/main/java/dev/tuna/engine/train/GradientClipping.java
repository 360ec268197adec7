package dev.tuna.engine.train;

import dev.tuna.engine.kernels.Parallel;
import dev.tuna.engine.model.Parameter;
import java.util.List;

/** Global-norm gradient clipping: if ‖g‖₂ over all parameters exceeds the limit, every gradient is scaled down. */
public final class GradientClipping {
    /** Partial sums over fixed blocks, added in order: the norm does not depend on the thread count. */
    private static final int BLOCK = 1 << 14;

    private GradientClipping() {
    }

    /** The global L2 norm of all gradients. */
    public static double globalNorm(List<Parameter> parameters) {
        double sum = 0;
        for (Parameter p : parameters) {
            float[] g = p.grad();
            int blocks = Math.ceilDiv(g.length, BLOCK);
            double[] partial = new double[blocks];
            Parallel.forRange(blocks, 1, (from, to) -> {
                for (int b = from; b < to; b++) {
                    double s = 0;
                    for (int i = b * BLOCK, end = Math.min(g.length, i + BLOCK); i < end; i++) {
                        s += (double) g[i] * g[i];
                    }
                    partial[b] = s;
                }
            });
            for (double s : partial) {
                sum += s;
            }
        }
        return Math.sqrt(sum);
    }

    /** Scales the gradients so their global norm is at most {@code maxNorm}; returns the norm before clipping. */
    public static double clip(List<Parameter> parameters, double maxNorm) {
        double norm = globalNorm(parameters);
        if (norm > maxNorm && norm > 0) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Parameter p : parameters) {
                float[] g = p.grad();
                Parallel.forRange(g.length, BLOCK, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        g[i] *= scale;
                    }
                });
            }
        }
        return norm;
    }
}
