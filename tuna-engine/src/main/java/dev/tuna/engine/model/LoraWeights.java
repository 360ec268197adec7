package dev.tuna.engine.model;

import dev.tuna.engine.kernels.Matmul;
import java.util.SplittableRandom;

/**
 * The low-rank pairs of a LoRA adapter: for each adapted projection W [out × in], A [r × in] and B [out × r], so the
 * projection becomes y = x·Wᵀ + scaling · (dropout(x)·Aᵀ)·Bᵀ. Arrays are null for projections not adapted.
 */
final class LoraWeights {
    final int rank;
    final float scaling;
    final double dropout;
    final float[][][] a;
    final float[][][] b;
    final float[][][] da;
    final float[][][] db;

    LoraWeights(int layers, int rank, float scaling, double dropout) {
        this.rank = rank;
        this.scaling = scaling;
        this.dropout = dropout;
        this.a = new float[layers][Layer.PROJECTIONS][];
        this.b = new float[layers][Layer.PROJECTIONS][];
        this.da = new float[layers][Layer.PROJECTIONS][];
        this.db = new float[layers][Layer.PROJECTIONS][];
    }

    boolean adapts(int layer, int module) {
        return a[layer][module] != null;
    }

    void set(int layer, int module, float[] aValues, float[] bValues) {
        a[layer][module] = aValues;
        b[layer][module] = bValues;
        da[layer][module] = new float[aValues.length];
        db[layer][module] = new float[bValues.length];
    }

    /**
     * Inverted-dropout multipliers (0 or 1/keep) for one projection's input [n × in], drawn from a stream of its own
     * so they can be regenerated exactly in the backward pass instead of being stored.
     */
    void dropoutMask(float[] mask, int len, long seed, int layer, int module) {
        float keep = (float) (1 - dropout);
        float inv = 1f / keep;
        long threshold = (long) Math.floor(keep * 65536.0);
        var r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (layer * Layer.PROJECTIONS + module + 1)));
        int i = 0;
        while (i < len) {
            long bits = r.nextLong();
            for (int j = 0; j < 4 && i < len; j++, i++) {
                mask[i] = ((bits >>> (16 * j)) & 0xffff) < threshold ? inv : 0f;
            }
        }
    }

    /**
     * y[n×out] += scaling · (x·Aᵀ)·Bᵀ, with x already dropped out. us[n×r] receives scaling·x·Aᵀ (kept for the
     * backward pass); tmp is scratch of at least n×out.
     */
    void forward(int layer, int module, float[] y, float[] x, float[] us, float[] tmp, int n, int in, int out) {
        Matmul.forward(us, x, a[layer][module], null, n, in, rank);
        for (int i = 0; i < n * rank; i++) {
            us[i] *= scaling;
        }
        Matmul.forward(tmp, us, b[layer][module], null, n, rank, out);
        for (int i = 0; i < n * out; i++) {
            y[i] += tmp[i];
        }
    }

    /**
     * Backward of {@link #forward}: dB += dyᵀ·us, dA += (scaling·dy·B)ᵀ·x, and the input gradient
     * (scaling·dy·B)·A is added to dxLora (which the caller multiplies by the dropout mask, if any); dxLora null skips it.
     * du is scratch of at least n×r.
     */
    void backward(int layer, int module, float[] dxLora, float[] dy, float[] x, float[] us, float[] du,
                  int n, int in, int out) {
        Matmul.backwardWeight(db[layer][module], null, dy, us, n, rank, out);
        java.util.Arrays.fill(du, 0, n * rank, 0f);
        Matmul.backwardInput(du, dy, b[layer][module], n, rank, out);
        for (int i = 0; i < n * rank; i++) {
            du[i] *= scaling;
        }
        Matmul.backwardWeight(da[layer][module], null, du, x, n, in, rank);
        if (dxLora != null) {
            Matmul.backwardInput(dxLora, du, a[layer][module], n, in, rank);
        }
    }
}
