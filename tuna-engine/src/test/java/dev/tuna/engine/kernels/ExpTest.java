package dev.tuna.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class ExpTest {
    @Test
    void agreesWithMathExpToAFewUlpOverTheWholeRange() {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.0137f) {
            double want = Math.exp(x);
            worst = Math.max(worst, Math.abs(Exp.exp(x) - want) / want);
        }
        assertThat(worst).isLessThan(3e-7);
        assertThat(Exp.exp(0f)).isEqualTo(1f);
        assertThat(Exp.exp(1f)).isCloseTo((float) Math.E, org.assertj.core.data.Offset.offset(3e-7f));
    }

    @Test
    void clampsInsteadOfOverflowing() {
        assertThat(Exp.exp(-1000f)).isPositive().isLessThan(2e-38f);
        assertThat(Exp.exp(Float.NEGATIVE_INFINITY)).isPositive().isLessThan(2e-38f);
        assertThat(Exp.exp(1000f)).isFinite().isGreaterThan(1e38f);
        assertThat(Exp.exp(Float.NaN)).isNaN();
    }

    @Test
    void vectorLanesGiveExactlyTheScalarBits() {
        var r = new SplittableRandom(11);
        int lanes = Exp.F.length();
        float[] x = new float[lanes * 5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 200 - 100);
        }
        x[3] = 0f;
        x[4] = -0f;
        float[] v = new float[x.length];
        for (int i = 0; i < x.length; i += lanes) {
            Exp.exp(FloatVector.fromArray(Exp.F, x, i)).intoArray(v, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertThat(Float.floatToRawIntBits(v[i])).as("x = " + x[i])
                    .isEqualTo(Float.floatToRawIntBits(Exp.exp(x[i])));
        }
    }

    @Test
    void swiGluGivesTheSameBitsWhereverAnElementFalls() {
        // Offsets shift elements between the vector body and the scalar tail of a chunk.
        var r = new SplittableRandom(5);
        int len = 1000;
        float[] gate = new float[len + 7];
        float[] up = new float[len + 7];
        for (int i = 0; i < gate.length; i++) {
            gate[i] = (float) r.nextGaussian() * 4;
            up[i] = (float) r.nextGaussian();
        }
        float[] whole = new float[len];
        SwiGlu.forward(whole, gate, up, len);
        for (int shift = 1; shift <= 7; shift++) {
            float[] g = java.util.Arrays.copyOfRange(gate, 0, len - shift);
            float[] u = java.util.Arrays.copyOfRange(up, 0, len - shift);
            float[] out = new float[len - shift];
            SwiGlu.forward(out, g, u, len - shift);
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).as("shift " + shift + ", element " + i).isEqualTo(whole[i]);
            }
        }
    }
}
