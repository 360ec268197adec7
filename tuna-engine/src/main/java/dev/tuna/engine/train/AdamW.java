package dev.tuna.engine.train;

import dev.tuna.engine.kernels.Parallel;
import dev.tuna.engine.model.Parameter;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter): bias-corrected first and second moments, with weight decay decoupled from the
 * gradient ({@code w -= lr·(m̂/(√v̂+ε) + λ·w)}) and applied only to parameters that ask for it (not to norms and
 * biases). The update is element-wise, so it is bit-identical at any thread count.
 */
public final class AdamW {
    private final List<Parameter> parameters;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final float[][] m;
    private final float[][] v;
    private long t;

    public AdamW(List<Parameter> parameters, double beta1, double beta2, double eps, double weightDecay) {
        this.parameters = List.copyOf(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new float[this.parameters.size()][];
        this.v = new float[this.parameters.size()][];
        for (int k = 0; k < m.length; k++) {
            int n = this.parameters.get(k).value().length;
            m[k] = new float[n];
            v[k] = new float[n];
        }
    }

    /** One update with learning rate {@code lr} from the parameters' current gradients. */
    public void step(double lr) {
        t++;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float bc1 = (float) (1 - Math.pow(beta1, t));
        float bc2 = (float) (1 - Math.pow(beta2, t));
        float e = (float) eps;
        float rate = (float) lr;
        for (int k = 0; k < m.length; k++) {
            Parameter p = parameters.get(k);
            float[] w = p.value();
            float[] g = p.grad();
            float[] mk = m[k];
            float[] vk = v[k];
            float decay = p.decay() ? (float) weightDecay : 0f;
            Parallel.forRange(w.length, 1 << 14, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = g[i];
                    float mi = b1 * mk[i] + c1 * gi;
                    float vi = b2 * vk[i] + c2 * gi * gi;
                    mk[i] = mi;
                    vk[i] = vi;
                    float update = (mi / bc1) / ((float) Math.sqrt(vi / bc2) + e) + decay * w[i];
                    w[i] -= rate * update;
                }
            });
        }
    }

    /** Steps taken so far (the bias correction's t). */
    public long steps() {
        return t;
    }

    /** First moments, per parameter, live (checkpoints read and restore them). */
    public float[] firstMoment(int parameter) {
        return m[parameter];
    }

    public float[] secondMoment(int parameter) {
        return v[parameter];
    }

    /** Restores a checkpoint's state: step count and both moments. */
    public void restore(long steps, List<float[]> firstMoments, List<float[]> secondMoments) {
        if (firstMoments.size() != m.length || secondMoments.size() != v.length) {
            throw new IllegalArgumentException("optimizer state has " + firstMoments.size() + " tensors, expected "
                    + m.length);
        }
        for (int k = 0; k < m.length; k++) {
            copyInto(firstMoments.get(k), m[k], k);
            copyInto(secondMoments.get(k), v[k], k);
        }
        t = steps;
    }

    private void copyInto(float[] from, float[] to, int k) {
        if (from.length != to.length) {
            throw new IllegalArgumentException(parameters.get(k).name() + ": optimizer state has " + from.length
                    + " values, expected " + to.length);
        }
        System.arraycopy(from, 0, to, 0, to.length);
    }
}
