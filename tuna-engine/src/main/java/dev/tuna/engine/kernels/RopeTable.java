package dev.tuna.engine.kernels;

import dev.tuna.engine.model.ModelConfig;

/**
 * cos/sin of the rotary angles pos·invFreq[i] for every position, in the Hugging Face {@code rotate_half} layout
 * (dimension i pairs with i + headDim/2). Frequencies follow {@code rope_theta} and, when configured, Llama 3
 * rope scaling. Angles are computed in double and rounded once, so tables match the reference to float precision.
 */
public final class RopeTable {
    private final int half;
    private final double[] invFreq;
    private float[] cos = new float[0];
    private float[] sin = new float[0];
    private int positions;

    public RopeTable(int headDim, double theta, ModelConfig.RopeScaling scaling) {
        this.half = headDim / 2;
        this.invFreq = new double[half];
        for (int i = 0; i < half; i++) {
            // HF computes the base frequencies in float32; round them the same way.
            invFreq[i] = (float) (1.0 / Math.pow(theta, (2.0 * i) / headDim));
        }
        if (scaling != null && "llama3".equals(scaling.type())) {
            double oldCtx = scaling.originalMaxPositionEmbeddings();
            double lowWavelen = oldCtx / scaling.lowFreqFactor();
            double highWavelen = oldCtx / scaling.highFreqFactor();
            for (int i = 0; i < half; i++) {
                double f = invFreq[i];
                double wavelen = 2 * Math.PI / f;
                if (wavelen > lowWavelen) {
                    f = f / scaling.factor();
                } else if (wavelen >= highWavelen) {
                    double smooth = (oldCtx / wavelen - scaling.lowFreqFactor())
                            / (scaling.highFreqFactor() - scaling.lowFreqFactor());
                    f = (1 - smooth) * f / scaling.factor() + smooth * f;
                }
                invFreq[i] = (float) f;
            }
        }
    }

    /** Makes sure positions [0, count) are tabulated. */
    public void ensure(int count) {
        if (count <= positions) {
            return;
        }
        int p = Math.max(count, positions * 2);
        float[] c = new float[p * half];
        float[] s = new float[p * half];
        for (int pos = 0; pos < p; pos++) {
            for (int i = 0; i < half; i++) {
                // HF multiplies position and frequency in float32 before taking cos/sin.
                double angle = (float) ((float) pos * (float) invFreq[i]);
                c[pos * half + i] = (float) Math.cos(angle);
                s[pos * half + i] = (float) Math.sin(angle);
            }
        }
        cos = c;
        sin = s;
        positions = p;
    }

    public int half() {
        return half;
    }

    float cos(int pos, int i) {
        return cos[pos * half + i];
    }

    float sin(int pos, int i) {
        return sin[pos * half + i];
    }
}
