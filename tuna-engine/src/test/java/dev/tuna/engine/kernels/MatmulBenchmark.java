package dev.tuna.engine.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Linear-layer products at SmolLM2-135M's MLP shape (576 → 1536) and its LM head (576 → 49,152), f32 and bf16
 * weights, n = 1 (decoding) and n = 256 (a training sequence / prefill). Time per call; GFLOP/s = 2·n·in·out / time.
 * {@code bench/jmh tuna-engine MatmulBenchmark -p threads=2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatmulBenchmark {
    @Param({"1", "256"})
    int n;
    @Param({"576"})
    int in;
    @Param({"1536", "49152"})
    int out;
    @Param({"f32", "bf16"})
    String weights;
    @Param({"1", "2"})
    int threads;

    private float[] x;
    private float[] w;
    private MemorySegment wBf16;
    private float[] y;
    private float[] dout;
    private float[] dx;
    private float[] dw;
    private Arena arena;

    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        var r = new SplittableRandom(42);
        x = random(r, n * in);
        dout = random(r, n * out);
        y = new float[n * out];
        dx = new float[n * in];
        arena = Arena.ofShared();
        if (weights.equals("f32")) {
            w = random(r, out * in);
            dw = new float[out * in];
        } else {
            wBf16 = arena.allocate(2L * out * in, 64);
            var layout = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < (long) out * in; i++) {
                wBf16.setAtIndex(layout, i, (short) (Float.floatToRawIntBits((float) (r.nextDouble() * 2 - 1)) >>> 16));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    public void forward(Blackhole bh) {
        if (w != null) {
            Matmul.forward(y, x, w, null, n, in, out);
        } else {
            Matmul.forward(y, x, wBf16, null, n, in, out);
        }
        bh.consume(y);
    }

    @Benchmark
    public void backwardInput(Blackhole bh) {
        if (w != null) {
            Matmul.backwardInput(dx, dout, w, n, in, out);
        } else {
            Matmul.backwardInput(dx, dout, wBf16, n, in, out);
        }
        bh.consume(dx);
    }

    @Benchmark
    public void backwardWeight(Blackhole bh) {
        if (dw == null) {
            return; // only trainable (f32) weights get gradients
        }
        Matmul.backwardWeight(dw, null, dout, x, n, in, out);
        bh.consume(dw);
    }

    private static float[] random(SplittableRandom r, int len) {
        float[] a = new float[len];
        for (int i = 0; i < len; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return a;
    }
}
