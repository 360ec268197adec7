package dev.tuna.engine.kernels;

/**
 * Rotary position embedding for rows at consecutive positions start, start+1, … (new tokens appended to a KV
 * cache), in place. The same arithmetic as {@link Rope}, so cached decoding rotates exactly as a full pass does.
 */
public final class RopeAt {
    private RopeAt() {
    }

    /** x is [n × heads·headDim]; row i is at position start + i. The table must cover start + n positions. */
    public static void forward(float[] x, RopeTable table, int n, int start, int heads, int headDim) {
        table.ensure(start + n);
        int half = headDim / 2;
        int width = heads * headDim;
        for (int t = 0; t < n; t++) {
            int pos = start + t;
            for (int h = 0; h < heads; h++) {
                int off = t * width + h * headDim;
                for (int i = 0; i < half; i++) {
                    float c = table.cos(pos, i);
                    float s = table.sin(pos, i);
                    float a = x[off + i];
                    float b = x[off + i + half];
                    x[off + i] = a * c - b * s;
                    x[off + i + half] = b * c + a * s;
                }
            }
        }
    }
}
