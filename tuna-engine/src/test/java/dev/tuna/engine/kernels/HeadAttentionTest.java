package dev.tuna.engine.kernels;

import static dev.tuna.engine.kernels.GradCheck.random;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The matmul-based attention computes what the per-pair reference kernel computes, forward and backward. */
class HeadAttentionTest {
    @Test
    void matchesTheReferenceKernel() {
        var r = new SplittableRandom(3);
        int seqLen = 19, heads = 6, kvHeads = 2, hd = 12;
        float[] q = random(r, seqLen * heads * hd, 1);
        float[] k = random(r, seqLen * kvHeads * hd, 1);
        float[] v = random(r, seqLen * kvHeads * hd, 1);
        float[] dout = random(r, seqLen * heads * hd, 1);

        float[] out = new float[q.length];
        float[] att = new float[heads * seqLen * seqLen];
        Attention.forward(out, att, q, k, v, 1, seqLen, heads, kvHeads, hd);
        float[] dq = new float[q.length], dk = new float[k.length], dv = new float[v.length];
        Attention.backward(dq, dk, dv, new float[att.length], dout, att, q, k, v, 1, seqLen, heads, kvHeads, hd);

        float[] out2 = new float[q.length];
        float[] rowMax = new float[heads * seqLen];
        float[] rowInv = new float[heads * seqLen];
        var attention = new HeadAttention(seqLen + 5, hd);
        attention.forward(out2, rowMax, rowInv, q, k, v, seqLen, heads, kvHeads, hd);
        float[] dq2 = new float[q.length], dk2 = new float[k.length], dv2 = new float[v.length];
        attention.backward(dq2, dk2, dv2, dout, rowMax, rowInv, q, k, v, seqLen, heads, kvHeads, hd);

        close(out2, out);
        close(dq2, dq);
        close(dk2, dk);
        close(dv2, dv);
        assertThat(rowInv[0]).isEqualTo(1f); // the first token attends to itself alone
    }

    private static void close(float[] actual, float[] expected) {
        double max = 0;
        for (float e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(actual[i] - expected[i])).isLessThanOrEqualTo(1e-5 * max);
        }
    }
}
