package dev.tuna.engine.bench;

import dev.tuna.engine.kernels.Matmul;
import dev.tuna.engine.kernels.Parallel;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * Matmul throughput against the measured FMA peak, at SmolLM2-135M's shapes: the MLP projection for a 256-token
 * sequence (576 → 1536, the training and prefill case) and the LM head for one token (576 → 49,152 in bf16, the
 * memory-bound decoding case, reported as GB/s of weights streamed).
 */
final class MatmulBench {
    static final int N = 256;
    static final int IN = 576;
    static final int OUT = 1536;
    static final int VOCAB = 49_152;

    private static final ValueLayout.OfShort BF16 =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private MatmulBench() {
    }

    static void run(BenchReport report, double seconds, int threads) {
        int before = Parallel.threads();
        var r = new SplittableRandom(1);
        float[] x = random(r, N * IN);
        float[] w = random(r, OUT * IN);
        float[] dout = random(r, N * OUT);
        float[] y = new float[N * OUT];
        float[] dx = new float[N * IN];
        float[] dw = new float[OUT * IN];
        float[] x1 = random(r, IN);
        float[] logits = new float[VOCAB];
        try (Arena arena = Arena.ofShared()) {
            MemorySegment wBf16 = bf16(arena, w);
            MemorySegment headBf16 = bf16(arena, random(r, VOCAB * IN));
            double flops = 2.0 * N * IN * OUT;
            double headBytes = 2.0 * VOCAB * IN;
            report.add("matmul.threads", "threads", threads, "");
            report.add("matmul.shape", "shape (n × in → out)", N + "x" + IN + "->" + OUT, "");
            for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
                String suffix = t == 1 ? "1_thread" : t + "_threads";
                String label = t == 1 ? "1 thread" : t + " threads";
                double peak = PeakFlops.gflops(t, seconds);
                report.add("matmul.peak_" + suffix + "_gflops", "FMA-loop peak, " + label, peak, "GFLOP/s");
                Parallel.setThreads(t);
                double f32 = Timing.of(() -> Matmul.forward(y, x, w, null, N, IN, OUT), seconds, 3).bestRate(flops) / 1e9;
                report.add("matmul.f32_" + suffix + "_gflops", "f32 forward, " + label + pct(f32, peak), f32, "GFLOP/s");
                double bf16 = Timing.of(() -> Matmul.forward(y, x, wBf16, null, N, IN, OUT), seconds, 3)
                        .bestRate(flops) / 1e9;
                report.add("matmul.bf16_" + suffix + "_gflops", "bf16 forward, " + label + pct(bf16, peak), bf16,
                        "GFLOP/s");
                double bi = Timing.of(() -> Matmul.backwardInput(dx, dout, w, N, IN, OUT), seconds, 3)
                        .bestRate(flops) / 1e9;
                report.add("matmul.f32_backward_input_" + suffix + "_gflops", "f32 dx = dy·W, " + label + pct(bi, peak),
                        bi, "GFLOP/s");
                double bw = Timing.of(() -> Matmul.backwardWeight(dw, null, dout, x, N, IN, OUT), seconds, 3)
                        .bestRate(flops) / 1e9;
                report.add("matmul.f32_backward_weight_" + suffix + "_gflops", "f32 dW = dyᵀ·x, " + label
                        + pct(bw, peak), bw, "GFLOP/s");
                double gbs = Timing.of(() -> Matmul.forward(logits, x1, headBf16, null, 1, IN, VOCAB), seconds, 3)
                        .bestRate(headBytes) / 1e9;
                report.add("matmul.bf16_decode_" + suffix + "_gb_per_s",
                        "bf16 decode (1 × 576 → 49,152), " + label, gbs, "GB/s");
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static String pct(double v, double peak) {
        return String.format(" (%.0f%% of peak)", 100 * v / peak);
    }

    static float[] random(SplittableRandom r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }

    private static MemorySegment bf16(Arena arena, float[] w) {
        MemorySegment seg = arena.allocate(2L * w.length, 64);
        for (int i = 0; i < w.length; i++) {
            seg.setAtIndex(BF16, i, (short) (Float.floatToRawIntBits(w[i]) >>> 16));
        }
        return seg;
    }
}
