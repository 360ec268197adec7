package dev.tuna.engine.kernels;

import static dev.tuna.engine.kernels.GradCheck.check;
import static dev.tuna.engine.kernels.GradCheck.project;
import static dev.tuna.engine.kernels.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.engine.model.ModelConfig;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks of every layer kernel's backward pass. */
class KernelGradientTest {
    private final SplittableRandom r = new SplittableRandom(7);

    @Test
    void embedding() {
        int vocab = 6, dim = 5, n = 7;
        int[] ids = {1, 3, 3, 0, 5, 1, 2};
        float[] table = random(r, vocab * dim, 1);
        float[] w = random(r, n * dim, 1);
        float[] out = new float[n * dim];
        float[] dtable = new float[vocab * dim];
        Embedding.backward(dtable, w, ids, n, dim);
        check("embedding", table, dtable, () -> {
            Embedding.forward(out, ids, table, n, dim);
            return project(out, w, out.length);
        });
    }

    @Test
    void rmsNorm() {
        int n = 4, dim = 9;
        float[] x = random(r, n * dim, 1);
        float[] g = random(r, dim, 1.5);
        float[] w = random(r, n * dim, 1);
        float[] out = new float[n * dim];
        float[] rstd = new float[n];
        RmsNorm.forward(out, rstd, x, g, n, dim, 1e-5f);
        float[] dx = new float[n * dim];
        float[] dg = new float[dim];
        RmsNorm.backward(dx, dg, w, x, g, rstd, n, dim);
        check("rmsnorm dx", x, dx, () -> {
            RmsNorm.forward(out, rstd, x, g, n, dim, 1e-5f);
            return project(out, w, out.length);
        });
        check("rmsnorm dweight", g, dg, () -> {
            RmsNorm.forward(out, rstd, x, g, n, dim, 1e-5f);
            return project(out, w, out.length);
        });
    }

    @Test
    void ropeWithLlama3ScalingIsARotation() {
        int seqLen = 5, batch = 2, heads = 3, headDim = 8, n = batch * seqLen;
        var table = new RopeTable(headDim, 500000.0,
                new ModelConfig.RopeScaling("llama3", 8.0, 1.0, 4.0, 8));
        float[] x = random(r, n * heads * headDim, 1);
        float[] w = random(r, x.length, 1);
        float[] dx = w.clone();
        Rope.backward(dx, table, n, seqLen, heads, headDim);
        float[] out = new float[x.length];
        check("rope", x, dx, () -> {
            System.arraycopy(x, 0, out, 0, x.length);
            Rope.forward(out, table, n, seqLen, heads, headDim);
            return project(out, w, out.length);
        });
        // position 0 is not rotated; rotating forward then backward restores the input
        float[] y = x.clone();
        Rope.forward(y, table, n, seqLen, heads, headDim);
        for (int i = 0; i < heads * headDim; i++) {
            assertThat(y[i]).isEqualTo(x[i]);
        }
        Rope.backward(y, table, n, seqLen, heads, headDim);
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isCloseTo(x[i], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void groupedQueryAttention() {
        int batch = 2, seqLen = 4, heads = 4, kvHeads = 2, headDim = 3, n = batch * seqLen;
        float[] q = random(r, n * heads * headDim, 1);
        float[] k = random(r, n * kvHeads * headDim, 1);
        float[] v = random(r, n * kvHeads * headDim, 1);
        float[] w = random(r, q.length, 1);
        float[] out = new float[q.length];
        float[] att = new float[batch * heads * seqLen * seqLen];
        float[] datt = new float[att.length];
        Attention.forward(out, att, q, k, v, batch, seqLen, heads, kvHeads, headDim);
        float[] dq = new float[q.length], dk = new float[k.length], dv = new float[v.length];
        Attention.backward(dq, dk, dv, datt, w, att, q, k, v, batch, seqLen, heads, kvHeads, headDim);
        java.util.function.DoubleSupplier loss = () -> {
            Attention.forward(out, att, q, k, v, batch, seqLen, heads, kvHeads, headDim);
            return project(out, w, out.length);
        };
        check("attention dq", q, dq, loss);
        check("attention dk", k, dk, loss);
        check("attention dv", v, dv, loss);
    }

    @Test
    void attentionIsCausal() {
        int seqLen = 5, heads = 2, headDim = 4;
        float[] q = random(r, seqLen * heads * headDim, 1);
        float[] k = random(r, seqLen * heads * headDim, 1);
        float[] v = random(r, seqLen * heads * headDim, 1);
        float[] out1 = new float[q.length], out2 = new float[q.length];
        float[] att = new float[heads * seqLen * seqLen];
        Attention.forward(out1, att, q, k, v, 1, seqLen, heads, heads, headDim);
        int last = (seqLen - 1) * heads * headDim;
        for (int i = last; i < k.length; i++) {
            k[i] += 1f;
            v[i] -= 1f;
        }
        Attention.forward(out2, att, q, k, v, 1, seqLen, heads, heads, headDim);
        for (int i = 0; i < last; i++) {
            assertThat(out2[i]).isEqualTo(out1[i]);
        }
    }

    @Test
    void swiGlu() {
        int len = 17;
        float[] gate = random(r, len, 3);
        float[] up = random(r, len, 2);
        float[] w = random(r, len, 1);
        float[] out = new float[len];
        float[] dgate = new float[len], dup = new float[len];
        SwiGlu.backward(dgate, dup, w, gate, up, len);
        java.util.function.DoubleSupplier loss = () -> {
            SwiGlu.forward(out, gate, up, len);
            return project(out, w, len);
        };
        check("swiglu dgate", gate, dgate, loss);
        check("swiglu dup", up, dup, loss);
    }

    @Test
    void residual() {
        int len = 11;
        float[] a = random(r, len, 1), b = random(r, len, 1), w = random(r, len, 1);
        float[] out = new float[len];
        float[] da = new float[len], db = new float[len];
        Residual.backward(da, w, len);
        Residual.backward(db, w, len);
        check("residual da", a, da, () -> {
            Residual.forward(out, a, b, len);
            return project(out, w, len);
        });
        check("residual db", b, db, () -> {
            Residual.forward(out, a, b, len);
            return project(out, w, len);
        });
    }

    @Test
    void crossEntropyWithIgnoredTargets() {
        int n = 5, vocab = 7;
        int[] targets = {2, CrossEntropy.IGNORE, 6, 0, CrossEntropy.IGNORE};
        float[] logits = random(r, n * vocab, 3);
        float[] losses = new float[n];
        int[] preds = new int[n];
        float scale = 1f / 3;
        float[] grad = logits.clone();
        CrossEntropy.forward(losses, preds, grad, targets, n, vocab, scale);
        check("cross-entropy", logits, grad, () -> {
            float[] copy = logits.clone();
            CrossEntropy.forward(losses, preds, copy, targets, n, vocab, 0f);
            double s = 0;
            for (float l : losses) {
                s += l * scale;
            }
            return s;
        });
        assertThat(losses[1]).isZero();
        for (int i = vocab; i < 2 * vocab; i++) {
            assertThat(grad[i]).isZero();
        }
    }

    @Test
    void linearViaMatmul() {
        int n = 3, in = 5, out = 4;
        float[] x = random(r, n * in, 1), wt = random(r, out * in, 1), b = random(r, out, 1);
        float[] w = random(r, n * out, 1);
        float[] y = new float[n * out];
        float[] dx = new float[x.length], dw = new float[wt.length], db = new float[out];
        Matmul.backwardInput(dx, w, wt, n, in, out);
        Matmul.backwardWeight(dw, db, w, x, n, in, out);
        java.util.function.DoubleSupplier loss = () -> {
            Matmul.forward(y, x, wt, b, n, in, out);
            return project(y, w, y.length);
        };
        check("linear dx", x, dx, loss);
        check("linear dw", wt, dw, loss);
        check("linear dbias", b, db, loss);
    }
}
