package dev.tuna.engine.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatmulTest {
    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @ParameterizedTest
    @CsvSource({"1,1,1", "3,5,7", "17,33,9", "64,64,64", "5,100,130",
            // n = 1 decode; the first sizes of the tiled path; a K past one 256-deep block; edge strips and tiles of
            // every height (rows mod 6 = 1..5); LoRA-like rank-8 products both ways.
            "1,300,37", "8,9,17", "13,257,35", "50,600,70", "11,40,1001", "256,8,29", "256,29,8", "0,5,7", "4,0,3"})
    void allProductsMatchDoublePrecisionReference(int n, int in, int out) {
        var r = new SplittableRandom(n * 31L + in * 7L + out);
        float[] x = random(r, n * in);
        float[] w = random(r, out * in);
        float[] bias = random(r, out);
        float[] dout = random(r, n * out);

        float[] y = new float[n * out];
        Matmul.forward(y, x, w, bias, n, in, out);
        float[] dx = random(r, n * in);
        float[] dxExpected = dx.clone();
        Matmul.backwardInput(dx, dout, w, n, in, out);
        float[] dw = random(r, out * in);
        float[] dwExpected = dw.clone();
        float[] db = random(r, out);
        float[] dbExpected = db.clone();
        Matmul.backwardWeight(dw, db, dout, x, n, in, out);

        for (int t = 0; t < n; t++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int i = 0; i < in; i++) {
                    s += (double) x[t * in + i] * w[o * in + i];
                }
                assertThat((double) y[t * out + o]).isCloseTo(s, within(1e-4 * (1 + Math.abs(s))));
            }
            for (int i = 0; i < in; i++) {
                double s = dxExpected[t * in + i];
                for (int o = 0; o < out; o++) {
                    s += (double) dout[t * out + o] * w[o * in + i];
                }
                assertThat((double) dx[t * in + i]).isCloseTo(s, within(1e-4 * (1 + Math.abs(s))));
            }
        }
        for (int o = 0; o < out; o++) {
            double sb = dbExpected[o];
            for (int t = 0; t < n; t++) {
                sb += dout[t * out + o];
            }
            assertThat((double) db[o]).isCloseTo(sb, within(1e-4 * (1 + Math.abs(sb))));
            for (int i = 0; i < in; i++) {
                double s = dwExpected[o * in + i];
                for (int t = 0; t < n; t++) {
                    s += (double) dout[t * out + o] * x[t * in + i];
                }
                assertThat((double) dw[o * in + i]).isCloseTo(s, within(1e-4 * (1 + Math.abs(s))));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"7,45,19", "1,300,37", "40,300,70", "3,8,1"})
    void bf16WeightsGiveTheSameResultAsTheirF32Widening(int n, int in, int out) {
        var r = new SplittableRandom(5L + n + in + out);
        float[] x = random(r, n * in);
        float[] dout = random(r, n * out);
        float[] w = random(r, out * in);
        float[] bias = random(r, out);
        try (Arena arena = Arena.ofShared()) {
            // Offset by one element: a tensor inside a mapped checkpoint need not be vector-aligned.
            MemorySegment seg = arena.allocate(2L * w.length + 2).asSlice(2);
            var layout = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < w.length; i++) {
                short bits = (short) (Float.floatToRawIntBits(w[i]) >>> 16);
                seg.setAtIndex(layout, i, bits);
                w[i] = Float.intBitsToFloat(bits << 16); // the exact value bf16 holds
            }
            float[] yF32 = new float[n * out];
            float[] yBf16 = new float[n * out];
            Matmul.forward(yF32, x, w, bias, n, in, out);
            Matmul.forward(yBf16, x, seg, bias, n, in, out);
            assertBitIdentical(yBf16, yF32);
            for (int t = 0; t < n; t++) {
                for (int o = 0; o < out; o++) {
                    double s = bias[o];
                    for (int i = 0; i < in; i++) {
                        s += (double) x[t * in + i] * w[o * in + i];
                    }
                    assertThat((double) yBf16[t * out + o]).isCloseTo(s, within(1e-4 * (1 + Math.abs(s))));
                }
            }
            float[] dxF32 = random(r, n * in);
            float[] dxBf16 = dxF32.clone();
            Matmul.backwardInput(dxF32, dout, w, n, in, out);
            Matmul.backwardInput(dxBf16, dout, seg, n, in, out);
            assertBitIdentical(dxBf16, dxF32);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,576", "3,100", "16,64"})
    void productsComputedTogetherEqualEachComputedAlone(int n, int in) {
        // Decoding's q, k, v: different heights, one with a bias, one bf16; row blocks of the three share one loop.
        var r = new SplittableRandom(17L + n);
        float[] x = random(r, n * in);
        int[] heights = {in, in / 3 + 1, in / 3 + 1};
        float[][] w = {random(r, heights[0] * in), random(r, heights[1] * in), null};
        float[] bias = random(r, heights[1]);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment seg = arena.allocate(2L * heights[2] * in);
            for (long i = 0; i < (long) heights[2] * in; i++) {
                seg.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) (Float.floatToRawIntBits(
                        (float) (r.nextDouble() * 2 - 1)) >>> 16));
            }
            float[][] alone = new float[3][];
            float[][] together = new float[3][];
            for (int p = 0; p < 3; p++) {
                alone[p] = new float[n * heights[p]];
                together[p] = new float[n * heights[p]];
            }
            Matmul.forward(alone[0], x, w[0], null, n, in, heights[0]);
            Matmul.forward(alone[1], x, w[1], bias, n, in, heights[1]);
            Matmul.forward(alone[2], x, seg, null, n, in, heights[2]);
            Matmul.forwardAll(x, n, in, new Matmul.Product(together[0], w[0], null, null, heights[0]),
                    new Matmul.Product(together[1], w[1], null, bias, heights[1]),
                    new Matmul.Product(together[2], null, seg, null, heights[2]));
            for (int p = 0; p < 3; p++) {
                assertBitIdentical(together[p], alone[p]);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1,700,900", "200,300,200"})
    void bf16ResultsAreBitIdenticalAtAnyThreadCount(int n, int in, int out) {
        var r = new SplittableRandom(11);
        float[] x = random(r, n * in);
        float[] dout = random(r, n * out);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment seg = arena.allocate(2L * out * in);
            for (long i = 0; i < (long) out * in; i++) {
                seg.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) (Float.floatToRawIntBits(
                        (float) (r.nextDouble() * 2 - 1)) >>> 16));
            }
            float[][] y = new float[3][];
            float[][] dx = new float[3][];
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                y[threads] = new float[n * out];
                dx[threads] = new float[n * in];
                Matmul.forward(y[threads], x, seg, null, n, in, out);
                Matmul.backwardInput(dx[threads], dout, seg, n, in, out);
            }
            assertBitIdentical(y[2], y[1]);
            assertBitIdentical(dx[2], dx[1]);
        }
    }

    @ParameterizedTest
    @CsvSource({"33,70,50", "1,700,900", "300,520,100", "256,600,16"})
    void resultsAreBitIdenticalAtAnyThreadCount(int n, int in, int out) {
        var r = new SplittableRandom(9);
        float[] x = random(r, n * in);
        float[] w = random(r, out * in);
        float[] dout = random(r, n * out);
        float[][] results = new float[3][];
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            float[] y = new float[n * out];
            float[] dx = new float[n * in];
            float[] dw = new float[out * in];
            Matmul.forward(y, x, w, null, n, in, out);
            Matmul.backwardInput(dx, dout, w, n, in, out);
            Matmul.backwardWeight(dw, null, dout, x, n, in, out);
            float[] all = new float[y.length + dx.length + dw.length];
            System.arraycopy(y, 0, all, 0, y.length);
            System.arraycopy(dx, 0, all, y.length, dx.length);
            System.arraycopy(dw, 0, all, y.length + dx.length, dw.length);
            results[threads] = all;
        }
        assertBitIdentical(results[2], results[1]);
    }

    /** Same bits everywhere; reports the first difference (AssertJ's containsExactly is slow on large arrays). */
    static void assertBitIdentical(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        int i = java.util.Arrays.mismatch(actual, expected);
        assertThat(i).as("first differing index (%s vs %s)", i < 0 ? "" : actual[i], i < 0 ? "" : expected[i])
                .isEqualTo(-1);
    }

    static float[] random(SplittableRandom r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
