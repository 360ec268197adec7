package dev.tuna.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences of a scalar loss (accumulated in double) against an analytic gradient. Kernels run in
 * float, so the step is moderate and the comparison is relative to the largest gradient entry.
 */
public final class GradCheck {
    private GradCheck() {
    }

    public static float[] random(SplittableRandom r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return a;
    }

    /** Σ out[i]·weights[i] in double: a loss whose gradient with respect to out is weights. */
    public static double project(float[] out, float[] weights, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += (double) out[i] * weights[i];
        }
        return s;
    }

    public static double[] numeric(float[] param, DoubleSupplier loss, float eps) {
        double[] g = new double[param.length];
        for (int i = 0; i < param.length; i++) {
            float orig = param[i];
            param[i] = orig + eps;
            double plus = loss.getAsDouble();
            param[i] = orig - eps;
            double minus = loss.getAsDouble();
            param[i] = orig;
            g[i] = (plus - minus) / (2.0 * eps);
        }
        return g;
    }

    /** Asserts max |analytic − numeric| ≤ tol · max(|numeric|) (and that the gradient is not trivially zero). */
    public static void assertClose(String what, float[] analytic, double[] numeric, double tol) {
        double maxRef = 0;
        double maxDiff = 0;
        for (int i = 0; i < numeric.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(numeric[i]));
            maxDiff = Math.max(maxDiff, Math.abs(analytic[i] - numeric[i]));
        }
        System.out.printf("grad check %-28s max|g|=%.4e max diff=%.3e rel=%.3e%n", what, maxRef, maxDiff,
                maxDiff / maxRef);
        assertThat(maxRef).as(what + " gradient is non-trivial").isGreaterThan(1e-4);
        assertThat(maxDiff).as(what + " gradient").isLessThanOrEqualTo(tol * maxRef);
    }

    public static void check(String what, float[] param, float[] analytic, DoubleSupplier loss) {
        assertClose(what, analytic, numeric(param, loss, 1e-2f), 1e-2);
    }
}
