package dev.tuna.engine.kernels;

import java.util.Arrays;

/**
 * Causal grouped-query attention of n new tokens against a KV cache (generation): token i sits at position
 * start + i and attends to cache rows [0, start + i]. The arithmetic is that of {@link Attention#forward}, so a
 * cached decode gives what a full pass gives. Work is split by (token, head), so results do not depend on threads.
 */
public final class CachedAttention {
    private CachedAttention() {
    }

    /**
     * @param q      [n × heads·headDim], already rotated
     * @param kCache [≥ start+n × kvHeads·headDim], rotated keys, rows [start, start+n) being the new tokens'
     * @param vCache same layout as kCache
     * @param out    [n × heads·headDim]
     */
    public static void forward(float[] out, float[] q, float[] kCache, float[] vCache, int start, int n,
                               int heads, int kvHeads, int headDim) {
        int group = heads / kvHeads;
        int qw = heads * headDim;
        int kw = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        // A (token, head) costs ~4·context·headDim flops; waking a worker costs tens of µs, so short contexts
        // (one decoded token over a few hundred cached ones) run on the calling thread.
        int grain = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (1L << 18) / ((long) (start + n) * headDim)));
        Parallel.forRange(n * heads, grain, (i0, i1) -> {
            float[] scores = new float[start + n];
            for (int idx = i0; idx < i1; idx++) {
                int t = idx / heads;
                int h = idx % heads;
                int kvh = h / group;
                int last = start + t;
                int qOff = t * qw + h * headDim;
                float max = Float.NEGATIVE_INFINITY;
                for (int s = 0; s <= last; s++) {
                    float score = Vectors.dot(q, qOff, kCache, s * kw + kvh * headDim, headDim) * scale;
                    scores[s] = score;
                    max = Math.max(max, score);
                }
                float sum = 0;
                for (int s = 0; s <= last; s++) {
                    float e = (float) Math.exp(scores[s] - max);
                    scores[s] = e;
                    sum += e;
                }
                float inv = 1f / sum;
                Arrays.fill(out, qOff, qOff + headDim, 0f);
                for (int s = 0; s <= last; s++) {
                    float p = scores[s] * inv;
                    Vectors.axpy(p, vCache, s * kw + kvh * headDim, out, qOff, headDim);
                }
            }
        });
    }
}
