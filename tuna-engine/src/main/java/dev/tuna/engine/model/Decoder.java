package dev.tuna.engine.model;

import dev.tuna.data.TunaException;
import dev.tuna.engine.kernels.CrossEntropy;
import dev.tuna.engine.kernels.Embedding;
import dev.tuna.engine.kernels.HeadAttention;
import dev.tuna.engine.kernels.Matmul;
import dev.tuna.engine.kernels.Residual;
import dev.tuna.engine.kernels.RmsNorm;
import dev.tuna.engine.kernels.Rope;
import dev.tuna.engine.kernels.RopeTable;
import dev.tuna.engine.kernels.SwiGlu;
import java.util.Arrays;

/**
 * The training pass over one sequence, llm.c style: each layer has a forward and a backward, the activations the
 * backward needs are kept in flat per-layer buffers (grown to the longest sequence seen), and gradients go to the
 * full weights ({@link FullGrads}), to a LoRA adapter ({@link LoraWeights}), or nowhere (scoring only).
 *
 * <p>The vocabulary projection runs in chunks of positions, and only at positions whose prediction is scored, so a
 * [tokens × vocab] logits buffer never exists and unlearned (prompt) positions cost nothing there.
 *
 * <p>Not thread-safe: one sequence at a time.
 */
final class Decoder {
    private static final int LOSS_CHUNK = 64;

    private final Llama m;
    private final ModelConfig c;
    private final LoraWeights lora;
    private final FullGrads g;
    private final RopeTable rope;
    private final int hidden;
    private final int qDim;
    private final int kvDim;
    private final int inter;
    private final int vocab;
    private final float eps;

    /** Activations above this size are not kept per layer but recomputed layer by layer in the backward pass. */
    private long activationBudget = 1L << 30;
    private int cap;
    /** Per-layer activation sets: one per layer, or a single one shared when recomputing. */
    private int slots;
    // activations, per layer
    private float[][] x;
    private float[][] xn1;
    private float[][] rstd1;
    private float[][] q;
    private float[][] k;
    private float[][] v;
    private HeadAttention attention;
    private float[][] attMax;
    private float[][] attInv;
    private float[][] ao;
    private float[][] xm;
    private float[][] xn2;
    private float[][] rstd2;
    private float[][] gate;
    private float[][] up;
    private float[][] h;
    private float[][][] loraUs;
    private float[] xf;
    private float[] rstdf;
    // scratch
    private float[] tmp;
    private float[] loraTmp;
    private float[] loraDu;
    private float[] loraDx;
    private float[] mask;
    private float[] dropped;
    private float[] gA;
    private float[] gB;
    private float[] gM;
    private float[] dxn;
    private float[] dq;
    private float[] dk;
    private float[] dv;
    private float[] dao;
    private float[] dh;
    private float[] dgate;
    private float[] dup;
    private float[] dxf;
    private final float[] chunkX;
    private final float[] chunkDx;
    private final float[] chunkLogits;
    private final float[] chunkLoss = new float[LOSS_CHUNK];
    private final int[] chunkPred = new int[LOSS_CHUNK];
    private final int[] chunkTarget = new int[LOSS_CHUNK];
    private final int[] chunkPos = new int[LOSS_CHUNK];

    Decoder(Llama m, LoraWeights lora, FullGrads g) {
        this.m = m;
        this.c = m.config();
        this.lora = lora;
        this.g = g;
        this.rope = new RopeTable(c.headDim(), c.ropeTheta(), c.ropeScaling());
        this.hidden = c.hiddenSize();
        this.qDim = c.qDim();
        this.kvDim = c.kvDim();
        this.inter = c.intermediateSize();
        this.vocab = c.vocabSize();
        this.eps = (float) c.rmsNormEps();
        this.chunkX = new float[LOSS_CHUNK * hidden];
        this.chunkDx = new float[LOSS_CHUNK * hidden];
        this.chunkLogits = new float[LOSS_CHUNK * vocab];
    }

    /** What a pass computes besides the loss: all logits [n × vocab] and/or each position's nll. */
    record Outputs(float[] logits, float[] nll) {
        static final Outputs NONE = new Outputs(null, null);
    }

    SequenceLoss run(int[] tokens, float[] targetWeights, float gradScale, boolean backward, boolean dropout,
                     long seed, Outputs outputs) {
        int n = tokens.length;
        check(tokens, targetWeights);
        ensureCapacity(n);
        boolean drop = dropout && lora != null && lora.dropout > 0;
        m.embedding().gatherRows(x[0], tokens, n);
        for (int l = 0; l < c.numLayers(); l++) {
            layerForward(l, n, drop, seed);
        }
        float[] xl = x[c.numLayers()];
        RmsNorm.forward(xf, rstdf, xl, m.finalNorm(), n, hidden, eps);
        if (backward) {
            Arrays.fill(dxf, 0, n * hidden, 0f);
        }
        SequenceLoss loss = head(tokens, targetWeights, n, gradScale, backward, outputs);
        if (!backward || loss.targets() == 0) {
            return loss;
        }
        Arrays.fill(gA, 0, n * hidden, 0f);
        RmsNorm.backward(gA, g == null ? null : g.finalNorm, dxf, xl, m.finalNorm(), rstdf, n, hidden);
        for (int l = c.numLayers() - 1; l >= 0; l--) {
            if (slots == 1 && l < c.numLayers() - 1) {
                layerForward(l, n, drop, seed); // the same inputs and dropout masks give the same activations
            }
            layerBackward(l, n, drop, seed);
            float[] t = gA;
            gA = gB;
            gB = t;
        }
        if (g != null) {
            Embedding.backward(g.embed, gA, tokens, n, hidden);
        }
        // (with frozen weights the last layerBackward left gA unset: nothing below needs it)
        return loss;
    }

    private void check(int[] tokens, float[] targetWeights) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("no tokens");
        }
        if (targetWeights != null && targetWeights.length != tokens.length - 1) {
            throw new IllegalArgumentException("targetWeights has " + targetWeights.length + " entries for "
                    + tokens.length + " tokens; expected tokens.length - 1");
        }
        for (int t : tokens) {
            if (t < 0 || t >= vocab) {
                throw new TunaException("token id " + t + " is outside the model's vocabulary of " + vocab
                        + " tokens; was the data tokenized for another model?", TunaException.INVALID_INPUT, null);
            }
        }
    }

    private void layerForward(int l, int n, boolean drop, long seed) {
        Layer layer = m.layer(l);
        int s = slot(l);
        int heads = c.numHeads();
        int kvHeads = c.numKvHeads();
        int hd = c.headDim();
        RmsNorm.forward(xn1[s], rstd1[s], x[l], layer.attnNorm, n, hidden, eps);
        project(l, Layer.Q, q[s], xn1[s], n, drop, seed);
        project(l, Layer.K, k[s], xn1[s], n, drop, seed);
        project(l, Layer.V, v[s], xn1[s], n, drop, seed);
        Rope.forward(q[s], rope, n, n, heads, hd);
        Rope.forward(k[s], rope, n, n, kvHeads, hd);
        attention.forward(ao[s], attMax[s], attInv[s], q[s], k[s], v[s], n, heads, kvHeads, hd);
        project(l, Layer.O, tmp, ao[s], n, drop, seed);
        Residual.forward(xm[s], x[l], tmp, n * hidden);
        RmsNorm.forward(xn2[s], rstd2[s], xm[s], layer.mlpNorm, n, hidden, eps);
        project(l, Layer.GATE, gate[s], xn2[s], n, drop, seed);
        project(l, Layer.UP, up[s], xn2[s], n, drop, seed);
        SwiGlu.forward(h[s], gate[s], up[s], n * inter);
        project(l, Layer.DOWN, tmp, h[s], n, drop, seed);
        Residual.forward(x[l + 1], xm[s], tmp, n * hidden);
    }

    /** Gradient wrt layer l's output in gA; leaves the gradient wrt its input in gB. */
    private void layerBackward(int l, int n, boolean drop, long seed) {
        Layer layer = m.layer(l);
        int s = slot(l);
        int heads = c.numHeads();
        int kvHeads = c.numKvHeads();
        int hd = c.headDim();
        // MLP block: x[l+1] = xm + down(swiglu(gate(xn2), up(xn2))), xn2 = norm(xm)
        Arrays.fill(dh, 0, n * inter, 0f);
        projectBackward(l, Layer.DOWN, dh, gA, h[s], n, drop, seed);
        SwiGlu.backward(dgate, dup, dh, gate[s], up[s], n * inter);
        Arrays.fill(dxn, 0, n * hidden, 0f);
        projectBackward(l, Layer.GATE, dxn, dgate, xn2[s], n, drop, seed);
        projectBackward(l, Layer.UP, dxn, dup, xn2[s], n, drop, seed);
        System.arraycopy(gA, 0, gM, 0, n * hidden);
        RmsNorm.backward(gM, g == null ? null : g.mlpNorm[l], dxn, xm[s], layer.mlpNorm, rstd2[s], n, hidden);
        // attention block: xm = x + o(attention(rope(q(xn1)), rope(k(xn1)), v(xn1))), xn1 = norm(x)
        Arrays.fill(dao, 0, n * qDim, 0f);
        projectBackward(l, Layer.O, dao, gM, ao[s], n, drop, seed);
        attention.backward(dq, dk, dv, dao, attMax[s], attInv[s], q[s], k[s], v[s], n, heads, kvHeads, hd);
        Rope.backward(dq, rope, n, n, heads, hd);
        Rope.backward(dk, rope, n, n, kvHeads, hd);
        // Below the first layer there is only the embedding: with frozen weights, nothing needs its gradient.
        float[] dxnOrNull = l == 0 && g == null ? null : dxn;
        if (dxnOrNull != null) {
            Arrays.fill(dxn, 0, n * hidden, 0f);
        }
        projectBackward(l, Layer.Q, dxnOrNull, dq, xn1[s], n, drop, seed);
        projectBackward(l, Layer.K, dxnOrNull, dk, xn1[s], n, drop, seed);
        projectBackward(l, Layer.V, dxnOrNull, dv, xn1[s], n, drop, seed);
        if (dxnOrNull != null) {
            System.arraycopy(gM, 0, gB, 0, n * hidden);
            RmsNorm.backward(gB, g == null ? null : g.attnNorm[l], dxn, x[l], layer.attnNorm, rstd1[s], n, hidden);
        }
    }

    private int slot(int l) {
        return slots == 1 ? 0 : l;
    }

    /** For tests: a smaller budget forces recomputation. */
    Decoder activationBudget(long bytes) {
        activationBudget = bytes;
        cap = 0;
        return this;
    }

    private void project(int l, int module, float[] out, float[] in, int n, boolean drop, long seed) {
        Layer layer = m.layer(l);
        Weight w = layer.proj[module];
        w.forward(out, in, layer.bias[module], n);
        if (lora != null && lora.adapts(l, module)) {
            float[] xin = in;
            if (drop) {
                int len = n * w.cols;
                lora.dropoutMask(mask, len, seed, l, module);
                for (int i = 0; i < len; i++) {
                    dropped[i] = in[i] * mask[i];
                }
                xin = dropped;
            }
            lora.forward(l, module, out, xin, loraUs[slot(l)][module], loraTmp, n, w.cols, w.rows);
        }
    }

    /** dIn += dOut · W (plus the LoRA path), and the weight (or adapter) gradients; dIn null: not needed. */
    private void projectBackward(int l, int module, float[] dIn, float[] dOut, float[] in, int n, boolean drop,
                                 long seed) {
        Layer layer = m.layer(l);
        Weight w = layer.proj[module];
        if (dIn != null) {
            w.backwardInput(dIn, dOut, n);
        }
        if (g != null) {
            Matmul.backwardWeight(g.proj[l][module], g.bias[l][module], dOut, in, n, w.cols, w.rows);
        }
        if (lora != null && lora.adapts(l, module)) {
            if (drop) {
                int len = n * w.cols;
                lora.dropoutMask(mask, len, seed, l, module);
                for (int i = 0; i < len; i++) {
                    dropped[i] = in[i] * mask[i];
                }
                if (dIn == null) {
                    lora.backward(l, module, null, dOut, dropped, loraUs[slot(l)][module], loraDu,
                            n, w.cols, w.rows);
                } else {
                    Arrays.fill(loraDx, 0, len, 0f);
                    lora.backward(l, module, loraDx, dOut, dropped, loraUs[slot(l)][module], loraDu,
                            n, w.cols, w.rows);
                    for (int i = 0; i < len; i++) {
                        dIn[i] += loraDx[i] * mask[i];
                    }
                }
            } else {
                lora.backward(l, module, dIn, dOut, in, loraUs[slot(l)][module], loraDu, n, w.cols, w.rows);
            }
        }
    }

    /**
     * The vocabulary projection and cross-entropy, chunk by chunk over the scored positions; with backward, the
     * gradient wrt the final norm's output goes to dxf (and to the head's weights when they are trained).
     */
    private SequenceLoss head(int[] tokens, float[] tw, int n, float gradScale, boolean backward, Outputs out) {
        Weight head = m.head();
        boolean all = out.logits() != null || out.nll() != null;
        double weightedNll = 0;
        double weightSum = 0;
        int correct = 0;
        int targets = 0;
        int pos = 0;
        while (pos < n) {
            int cnt = 0;
            for (; pos < n && cnt < LOSS_CHUNK; pos++) {
                boolean scored = pos < n - 1 && tw != null && tw[pos] > 0;
                if (scored || (all && (out.logits() != null || pos < n - 1))) {
                    chunkPos[cnt] = pos;
                    chunkTarget[cnt] = pos < n - 1 ? tokens[pos + 1] : CrossEntropy.IGNORE;
                    System.arraycopy(xf, pos * hidden, chunkX, cnt * hidden, hidden);
                    cnt++;
                }
            }
            if (cnt == 0) {
                continue;
            }
            head.forward(chunkLogits, chunkX, null, cnt);
            if (out.logits() != null) {
                for (int j = 0; j < cnt; j++) {
                    System.arraycopy(chunkLogits, j * vocab, out.logits(), chunkPos[j] * vocab, vocab);
                }
            }
            CrossEntropy.forward(chunkLoss, chunkPred, chunkLogits, chunkTarget, cnt, vocab, backward ? 1f : 0f);
            boolean anyGrad = false;
            for (int j = 0; j < cnt; j++) {
                int p = chunkPos[j];
                if (chunkTarget[j] < 0) {
                    continue;
                }
                if (out.nll() != null) {
                    out.nll()[p] = chunkLoss[j];
                }
                float w = tw == null ? 0f : tw[p];
                if (backward) {
                    float s = gradScale * w;
                    anyGrad |= s != 0f;
                    int off = j * vocab;
                    for (int i = 0; i < vocab; i++) {
                        chunkLogits[off + i] *= s;
                    }
                }
                if (w > 0) {
                    weightedNll += (double) w * chunkLoss[j];
                    weightSum += w;
                    targets++;
                    if (chunkPred[j] == chunkTarget[j]) {
                        correct++;
                    }
                }
            }
            if (backward && anyGrad) {
                Arrays.fill(chunkDx, 0, cnt * hidden, 0f);
                head.backwardInput(chunkDx, chunkLogits, cnt);
                for (int j = 0; j < cnt; j++) {
                    int p = chunkPos[j];
                    for (int i = 0; i < hidden; i++) {
                        dxf[p * hidden + i] += chunkDx[j * hidden + i];
                    }
                }
                if (g != null) {
                    Matmul.backwardWeight(g.headGrad(), null, chunkLogits, chunkX, cnt, hidden, vocab);
                }
            }
        }
        return new SequenceLoss(weightedNll, weightSum, correct, targets);
    }

    private void ensureCapacity(int n) {
        if (n <= cap) {
            return;
        }
        int newCap = Math.max(n, Math.min(cap * 2, c.maxPositionEmbeddings()));
        newCap = Math.max(n, (newCap + 15) / 16 * 16);
        int layers = c.numLayers();
        int heads = c.numHeads();
        long perLayer = 4L * newCap * (4L * hidden + 2 * qDim + 2 * kvDim + 3L * inter + 2 + 2L * heads
                + (lora == null ? 0 : (long) Layer.PROJECTIONS * lora.rank));
        int sl = perLayer * layers > activationBudget ? 1 : layers;
        x = new float[layers + 1][newCap * hidden];
        xn1 = new float[sl][newCap * hidden];
        rstd1 = new float[sl][newCap];
        q = new float[sl][newCap * qDim];
        k = new float[sl][newCap * kvDim];
        v = new float[sl][newCap * kvDim];
        attention = new HeadAttention(newCap, c.headDim());
        attMax = new float[sl][heads * newCap];
        attInv = new float[sl][heads * newCap];
        ao = new float[sl][newCap * qDim];
        xm = new float[sl][newCap * hidden];
        xn2 = new float[sl][newCap * hidden];
        rstd2 = new float[sl][newCap];
        gate = new float[sl][newCap * inter];
        up = new float[sl][newCap * inter];
        h = new float[sl][newCap * inter];
        slots = sl;
        xf = new float[newCap * hidden];
        rstdf = new float[newCap];
        int widest = Math.max(Math.max(hidden, qDim), inter);
        tmp = new float[newCap * hidden];
        if (lora != null) {
            loraUs = new float[sl][Layer.PROJECTIONS][];
            for (int l = 0; l < layers; l++) {
                for (int p = 0; p < Layer.PROJECTIONS; p++) {
                    if (lora.adapts(l, p) && loraUs[slot(l)][p] == null) {
                        loraUs[slot(l)][p] = new float[newCap * lora.rank];
                    }
                }
            }
            loraTmp = new float[newCap * widest];
            loraDu = new float[newCap * lora.rank];
            if (lora.dropout > 0) {
                loraDx = new float[newCap * widest];
                mask = new float[newCap * widest];
                dropped = new float[newCap * widest];
            }
        }
        gA = new float[newCap * hidden];
        gB = new float[newCap * hidden];
        gM = new float[newCap * hidden];
        dxn = new float[newCap * hidden];
        dq = new float[newCap * qDim];
        dk = new float[newCap * kvDim];
        dv = new float[newCap * kvDim];
        dao = new float[newCap * qDim];
        dh = new float[newCap * inter];
        dgate = new float[newCap * inter];
        dup = new float[newCap * inter];
        dxf = new float[newCap * hidden];
        cap = newCap;
    }
}
