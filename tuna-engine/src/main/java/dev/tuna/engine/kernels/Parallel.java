package dev.tuna.engine.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The engine's worker threads. Kernels split work by output element, never by reduction, so every result is
 * bit-identical whatever the thread count. The count defaults to the machine's cores ({@code -Dtuna.threads=N}
 * or {@link #setThreads} override it).
 */
public final class Parallel {
    private static volatile ForkJoinPool pool = newPool(Integer.getInteger("tuna.threads",
            Runtime.getRuntime().availableProcessors()));

    private Parallel() {
    }

    /** The body of a parallel loop: handles indices [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    public static int threads() {
        return pool.getParallelism();
    }

    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (threads != threads()) {
            ForkJoinPool old = pool;
            pool = newPool(threads);
            old.shutdown();
        }
    }

    /**
     * Runs body over [0, n) in chunks of at least {@code grain} indices, on all threads.
     * Small loops run on the calling thread: waking a worker costs more than they do.
     */
    public static void forRange(int n, int grain, Range body) {
        int threads = threads();
        if (threads == 1 || n <= grain) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(threads * 4, Math.max(1, n / Math.max(1, grain)));
        pool.invoke(new Chunk(body, 0, n, Math.ceilDiv(n, chunks)));
    }

    private static ForkJoinPool newPool(int threads) {
        return new ForkJoinPool(Math.max(1, threads), p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("tuna-kernel-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    private static final class Chunk extends RecursiveAction {
        private final Range body;
        private final int from;
        private final int to;
        private final int size;

        Chunk(Range body, int from, int to, int size) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.size = size;
        }

        @Override
        protected void compute() {
            if (to - from <= size) {
                body.run(from, to);
                return;
            }
            int mid = from + (to - from) / 2;
            invokeAll(new Chunk(body, from, mid, size), new Chunk(body, mid, to, size));
        }
    }
}
