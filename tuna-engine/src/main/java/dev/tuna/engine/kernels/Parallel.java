package dev.tuna.engine.kernels;

/**
 * The engine's worker threads. Kernels split work by output element, never by reduction, so every result is
 * bit-identical whatever the thread count. The count defaults to the machine's cores ({@code -Dtuna.threads=N}
 * or {@link #setThreads} override it).
 *
 * <p>Decoding one token runs over a hundred small parallel loops of 10–100 µs each, so the hand-off must cost
 * far less than that: the loops run on a {@link WorkerTeam} whose threads spin briefly between loops instead of
 * sleeping (a fork/join wake-up costs tens of µs and made two threads slower than one).
 */
public final class Parallel {
    private static volatile WorkerTeam team = new WorkerTeam(Integer.getInteger("tuna.threads",
            Runtime.getRuntime().availableProcessors()));

    private Parallel() {
    }

    /** The body of a parallel loop: handles indices [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    public static int threads() {
        return team.size();
    }

    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (threads != threads()) {
            WorkerTeam old = team;
            team = new WorkerTeam(threads);
            old.shutdown();
        }
    }

    /**
     * Runs body over [0, n) in chunks of at least {@code grain} indices, on all threads.
     * Small loops run on the calling thread: handing work to another thread costs more than they do. So do loops
     * started while the team is busy (nested inside another loop, or from a second caller thread).
     */
    public static void forRange(int n, int grain, Range body) {
        WorkerTeam t = team;
        int threads = t.size();
        if (threads == 1 || n <= grain) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(threads * 4, Math.max(1, n / Math.max(1, grain)));
        if (!t.run(body, n, chunks)) {
            body.run(0, n);
        }
    }
}
