package dev.tuna.engine.kernels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A fixed team of threads for {@link Parallel}: the caller plus {@code size - 1} workers share the chunks of one
 * loop at a time. A waiting thread (a worker between loops, the caller for a worker's last chunk) spins for
 * {@link #SPIN_NANOS}, then yields until {@link #YIELD_NANOS}, then parks: back-to-back loops start within a
 * microsecond or so, and a team left idle costs nothing.
 */
final class WorkerTeam {
    /** How long a waiting thread spins on its core: covers a hand-off on a quiet machine. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    /**
     * How long it then keeps yielding before it parks: longer than the gaps between the loops of one decoded token.
     * Yielding rather than spinning lets a thread that shares the core (on a busy machine, often our own caller or
     * worker) run meanwhile.
     */
    private static final long YIELD_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final int size;
    private final Worker[] workers;
    /** Held by the one caller whose loop the team is running. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Loop current;
    /** Numbers the loops, so a worker knows one it has already worked on (written under {@link #busy}). */
    private long loops;
    private volatile boolean stopped;

    WorkerTeam(int size) {
        this.size = Math.max(1, size);
        this.workers = new Worker[this.size - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    int size() {
        return size;
    }

    /**
     * Runs body over [0, n) in {@code chunks} chunks on the team and the calling thread, returning when all are done.
     * Returns false, having run nothing, when the team is already running a loop (the caller then runs it alone).
     */
    boolean run(Parallel.Range body, int n, int chunks) {
        if (stopped || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            Loop loop = new Loop(++loops, body, n, chunks);
            current = loop;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            loop.work();
            loop.awaitDone();
            if (loop.failure != null) {
                throw rethrow(loop.failure);
            }
            return true;
        } finally {
            current = null; // the body's captured arrays are not kept alive by an idle team
            busy.set(false);
        }
    }

    void shutdown() {
        stopped = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Spins, then yields, while {@code waiting} holds, for up to {@link #YIELD_NANOS}; returns whether it still holds,
     * that is whether the caller should park.
     */
    private static boolean spinThenYield(BooleanSupplier waiting) {
        long start = System.nanoTime();
        long waited = 0;
        for (int spins = 1; waiting.getAsBoolean(); spins++) {
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
                if ((spins & 63) == 0) {
                    waited = System.nanoTime() - start;
                }
            } else if (waited < YIELD_NANOS) {
                Thread.yield();
                waited = System.nanoTime() - start;
            } else {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** One parallel loop: chunks are claimed in order from a shared counter by whichever thread is free. */
    private static final class Loop {
        final long id;
        final Parallel.Range body;
        final int n;
        final int chunks;
        final int chunkSize;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger pending;
        volatile Throwable failure;
        /** The caller, once it has gone to sleep waiting for the last chunk; the thread finishing that wakes it. */
        volatile Thread sleeper;

        Loop(long id, Parallel.Range body, int n, int chunks) {
            this.id = id;
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.chunkSize = Math.ceilDiv(n, chunks);
            this.pending = new AtomicInteger(chunks);
        }

        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                int from = c * chunkSize;
                int to = Math.min(n, from + chunkSize);
                try {
                    if (from < to && failure == null) {
                        body.run(from, to);
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (pending.decrementAndGet() == 0) {
                        Thread s = sleeper;
                        if (s != null) {
                            LockSupport.unpark(s);
                        }
                    }
                }
            }
        }

        /**
         * Waits for the chunks other threads claimed. On a busy machine such a thread may be off its core, so the
         * wait spins only briefly, then yields, then sleeps until the last chunk's thread wakes it.
         */
        void awaitDone() {
            if (spinThenYield(() -> pending.get() > 0)) {
                sleeper = Thread.currentThread();
                while (pending.get() > 0) {
                    LockSupport.park(this);
                }
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("tuna-kernel-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            long done = 0;
            while (!stopped) {
                Loop loop = current;
                if (loop != null && loop.id != done) {
                    done = loop.id;
                    loop.work();
                    continue;
                }
                awaitLoop(done);
            }
        }

        private boolean waiting(long done) {
            Loop loop = current;
            return (loop == null || loop.id == done) && !stopped;
        }

        /** Spins, yields, then parks, until a loop newer than {@code done} is published or the team stops. */
        private void awaitLoop(long done) {
            if (spinThenYield(() -> waiting(done))) {
                parked = true;
                while (waiting(done)) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
