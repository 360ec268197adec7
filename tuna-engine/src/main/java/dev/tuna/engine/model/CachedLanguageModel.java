package dev.tuna.engine.model;

import dev.tuna.data.TunaException;
import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.kernels.CachedAttention;
import dev.tuna.engine.kernels.Matmul;
import dev.tuna.engine.kernels.Residual;
import dev.tuna.engine.kernels.RmsNorm;
import dev.tuna.engine.kernels.RopeAt;
import dev.tuna.engine.kernels.RopeTable;
import dev.tuna.engine.kernels.SwiGlu;

/**
 * Generation over a {@link Llama} (optionally with a LoRA adapter on top, sharing the base weights): each session
 * keeps its own KV cache; a prompt is prefilled in batches of tokens (matrix-matrix products), then tokens are
 * decoded one at a time. Weights are read in their stored precision (bf16 stays bf16 in memory).
 */
final class CachedLanguageModel implements LanguageModel {
    /** The projections that read the same normalised input, computed together. */
    private static final int[] QKV = {Layer.Q, Layer.K, Layer.V};
    private static final int[] GATE_UP = {Layer.GATE, Layer.UP};
    /** Prompt tokens per prefill pass: bounds the activation buffers for long prompts. */
    private static final int PREFILL_CHUNK = 128;

    private final Llama m;
    private final LoraWeights lora;
    private final ModelConfig c;
    /** Shared by the sessions; every use holds its lock (it grows lazily). */
    private final RopeTable rope;

    CachedLanguageModel(Llama m, LoraWeights lora) {
        this.m = m;
        this.lora = lora;
        this.c = m.config();
        this.rope = new RopeTable(c.headDim(), c.ropeTheta(), c.ropeScaling());
    }

    @Override
    public int vocabSize() {
        return c.vocabSize();
    }

    @Override
    public int contextLength() {
        return c.maxPositionEmbeddings();
    }

    @Override
    public Session newSession() {
        return new KvSession();
    }

    private final class KvSession implements Session {
        private final int layers = c.numLayers();
        private final int hidden = c.hiddenSize();
        private final int qDim = c.qDim();
        private final int kvDim = c.kvDim();
        private final int inter = c.intermediateSize();
        private final float eps = (float) c.rmsNormEps();
        private final float[][] kCache = new float[layers][];
        private final float[][] vCache = new float[layers][];
        private final float[] logits = new float[c.vocabSize()];
        private int cacheRows;
        private int length;
        private int bufRows;
        private float[] x;
        private float[] xn;
        private float[] rstd;
        private float[] q;
        private float[] k;
        private float[] v;
        private float[] ao;
        private float[] tmp;
        private float[] gate;
        private float[] up;
        private float[] loraUs;
        private float[] loraTmp;
        private final float[] last = new float[hidden];
        private final float[] lastNorm = new float[hidden];
        private final float[] lastRstd = new float[1];

        @Override
        public int length() {
            return length;
        }

        @Override
        public float[] append(int[] tokens) {
            if (tokens.length == 0) {
                throw new IllegalArgumentException("append needs at least one token");
            }
            if ((long) length + tokens.length > contextLength()) {
                throw new TunaException("the sequence would be " + (length + tokens.length) + " tokens, but the"
                        + " model's context is " + contextLength() + " tokens", TunaException.INVALID_INPUT, null);
            }
            for (int t : tokens) {
                if (t < 0 || t >= c.vocabSize()) {
                    throw new IllegalArgumentException("token id " + t + " outside the vocabulary of " + c.vocabSize());
                }
            }
            ensureCache(length + tokens.length);
            for (int off = 0; off < tokens.length; off += PREFILL_CHUNK) {
                int n = Math.min(PREFILL_CHUNK, tokens.length - off);
                int[] ids = java.util.Arrays.copyOfRange(tokens, off, off + n);
                forward(ids, n);
            }
            return logits;
        }

        private void forward(int[] ids, int n) {
            ensureBuffers(n);
            int heads = c.numHeads();
            int kvHeads = c.numKvHeads();
            int hd = c.headDim();
            int start = length;
            m.embedding().gatherRows(x, ids, n);
            for (int l = 0; l < layers; l++) {
                Layer layer = m.layer(l);
                RmsNorm.forward(xn, rstd, x, layer.attnNorm, n, hidden, eps);
                project(l, xn, n, QKV, new float[][] {q, k, v});
                synchronized (rope) {
                    RopeAt.forward(q, rope, n, start, heads, hd);
                    RopeAt.forward(k, rope, n, start, kvHeads, hd);
                }
                System.arraycopy(k, 0, kCache[l], start * kvDim, n * kvDim);
                System.arraycopy(v, 0, vCache[l], start * kvDim, n * kvDim);
                CachedAttention.forward(ao, q, kCache[l], vCache[l], start, n, heads, kvHeads, hd);
                project(l, Layer.O, tmp, ao, n);
                Residual.forward(x, x, tmp, n * hidden);
                RmsNorm.forward(xn, rstd, x, layer.mlpNorm, n, hidden, eps);
                project(l, xn, n, GATE_UP, new float[][] {gate, up});
                SwiGlu.forward(gate, gate, up, n * inter);
                project(l, Layer.DOWN, tmp, gate, n);
                Residual.forward(x, x, tmp, n * hidden);
            }
            length += n;
            System.arraycopy(x, (n - 1) * hidden, last, 0, hidden);
            RmsNorm.forward(lastNorm, lastRstd, last, m.finalNorm(), 1, hidden, eps);
            m.head().forward(logits, lastNorm, null, 1);
        }

        /** Modules of layer l that read the same input, into outs[i]: one parallel loop for all of them. */
        private void project(int l, float[] in, int n, int[] modules, float[][] outs) {
            Layer layer = m.layer(l);
            Matmul.Product[] products = new Matmul.Product[modules.length];
            for (int i = 0; i < modules.length; i++) {
                products[i] = layer.proj[modules[i]].product(outs[i], layer.bias[modules[i]]);
            }
            Matmul.forwardAll(in, n, layer.proj[modules[0]].cols, products);
            for (int i = 0; i < modules.length; i++) {
                Weight w = layer.proj[modules[i]];
                if (lora != null && lora.adapts(l, modules[i])) {
                    lora.forward(l, modules[i], outs[i], in, loraUs, loraTmp, n, w.cols, w.rows);
                }
            }
        }

        private void project(int l, int module, float[] out, float[] in, int n) {
            Layer layer = m.layer(l);
            Weight w = layer.proj[module];
            w.forward(out, in, layer.bias[module], n);
            if (lora != null && lora.adapts(l, module)) {
                lora.forward(l, module, out, in, loraUs, loraTmp, n, w.cols, w.rows);
            }
        }

        private void ensureCache(int rows) {
            if (rows <= cacheRows) {
                return;
            }
            int newRows = Math.min(contextLength(), Math.max(rows, Math.max(256, cacheRows * 2)));
            for (int l = 0; l < layers; l++) {
                kCache[l] = grow(kCache[l], newRows * kvDim, length * kvDim);
                vCache[l] = grow(vCache[l], newRows * kvDim, length * kvDim);
            }
            cacheRows = newRows;
        }

        private static float[] grow(float[] old, int size, int keep) {
            float[] a = new float[size];
            if (old != null) {
                System.arraycopy(old, 0, a, 0, keep);
            }
            return a;
        }

        private void ensureBuffers(int n) {
            if (n <= bufRows) {
                return;
            }
            x = new float[n * hidden];
            xn = new float[n * hidden];
            rstd = new float[n];
            q = new float[n * qDim];
            k = new float[n * kvDim];
            v = new float[n * kvDim];
            ao = new float[n * qDim];
            tmp = new float[n * hidden];
            gate = new float[n * inter];
            up = new float[n * inter];
            if (lora != null) {
                loraUs = new float[n * lora.rank];
                loraTmp = new float[n * Math.max(Math.max(hidden, qDim), inter)];
            }
            bufRows = n;
        }
    }
}
