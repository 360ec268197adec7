package dev.tuna.engine.kernels;

/**
 * Rotary position embedding applied in place to the heads of q or k ([n × heads·headDim], n = batch·seqLen rows,
 * token t at position t mod seqLen). The backward pass is the inverse rotation (by −θ) applied to the gradient.
 */
public final class Rope {
    private Rope() {
    }

    public static void forward(float[] x, RopeTable table, int n, int seqLen, int heads, int headDim) {
        rotate(x, table, n, seqLen, heads, headDim, 1f);
    }

    public static void backward(float[] dx, RopeTable table, int n, int seqLen, int heads, int headDim) {
        rotate(dx, table, n, seqLen, heads, headDim, -1f);
    }

    private static void rotate(float[] x, RopeTable table, int n, int seqLen, int heads, int headDim, float sign) {
        table.ensure(seqLen);
        int half = headDim / 2;
        int width = heads * headDim;
        Parallel.forRange(n, 16, (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int pos = t % seqLen;
                for (int h = 0; h < heads; h++) {
                    int off = t * width + h * headDim;
                    for (int i = 0; i < half; i++) {
                        float c = table.cos(pos, i);
                        float s = sign * table.sin(pos, i);
                        float a = x[off + i];
                        float b = x[off + i + half];
                        x[off + i] = a * c - b * s;
                        x[off + i + half] = b * c + a * s;
                    }
                }
            }
        });
    }
}
