package dev.tuna.engine.bench;

import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's measured f32 peak: a loop of independent vector FMAs with no memory traffic (12 chains, enough to
 * cover FMA latency on two pipes), on one thread and on several at once. It is the ceiling matmul figures are read
 * against.
 */
public final class PeakFlops {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    private PeakFlops() {
    }

    /**
     * GFLOP/s of {@code threads} threads each running the FMA loop: the best of many short (~5 ms) runs over
     * {@code seconds}, so a run that no other process interrupted is likely among them.
     */
    public static double gflops(int threads, double seconds) {
        warmUp();
        int iterations = 1_000_000;
        // The clock is read by the barriers' trip actions, i.e. exactly when the workers are released and when the
        // last one finishes, whichever thread happens to be scheduled.
        long[] clock = new long[2];
        var start = new CyclicBarrier(threads + 1, () -> clock[0] = System.nanoTime());
        var done = new CyclicBarrier(threads + 1, () -> clock[1] = System.nanoTime());
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        float[] sink = new float[threads];
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                while (true) {
                    await(start);
                    if (stop.get()) {
                        return;
                    }
                    sink[id] += loop(iterations, id);
                    await(done);
                }
            }, "tuna-peak-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        double best = 0;
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        try {
            do {
                await(start);
                await(done);
                double elapsed = (clock[1] - clock[0]) / 1e9;
                best = Math.max(best, (double) threads * iterations * CHAINS * F.length() * 2 / elapsed / 1e9);
            } while (System.nanoTime() < deadline);
        } finally {
            stop.set(true);
            await(start);
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Float.isNaN(sink[0])) {
            throw new IllegalStateException("the FMA loop diverged");
        }
        return best;
    }

    /** Calls the loop until the JIT has compiled it: its speed stops improving (or after a few seconds). */
    private static void warmUp() {
        double previous = Double.MAX_VALUE;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                loop(20_000, i);
            }
            double t = System.nanoTime() - t0;
            if (t > 0.95 * previous && t < 20e6) {
                return;
            }
            previous = Math.min(previous, t);
        }
    }

    /**
     * Twelve independent accumulations a += x·y, the same dependency pattern as a GEMM micro-kernel (the chain runs
     * through the addend). Sums grow by ~1e-6 a step, so they stay finite however long it runs.
     */
    private static float loop(int iterations, int seed) {
        FloatVector x = FloatVector.broadcast(F, 1e-3f * (seed + 1));
        FloatVector y = FloatVector.broadcast(F, 1e-3f);
        FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (int i = 0; i < iterations; i++) {
            a0 = x.fma(y, a0);
            a1 = y.fma(x, a1);
            a2 = x.fma(y, a2);
            a3 = y.fma(x, a3);
            a4 = x.fma(y, a4);
            a5 = y.fma(x, a5);
            a6 = x.fma(y, a6);
            a7 = y.fma(x, a7);
            a8 = x.fma(y, a8);
            a9 = y.fma(x, a9);
            a10 = x.fma(y, a10);
            a11 = y.fma(x, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException("peak FMA measurement interrupted", e);
        }
    }
}
