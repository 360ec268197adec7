package dev.tuna.engine.kernels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads for {@link Parallel}: the caller plus {@code size - 1} workers share the chunks of one
 * loop at a time. After a loop a worker spins for {@link #SPIN_NANOS} waiting for the next one, so back-to-back
 * loops start within a microsecond or so; a team left idle longer parks and costs nothing.
 */
final class WorkerTeam {
    /** How long an idle worker spins before parking: longer than the gaps between the loops of one decoded token. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

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
            // Only chunks a worker has claimed are waited for; on a busy machine that worker may be off its core,
            // so after a short spin the caller yields its own.
            for (int spins = 0; loop.pending.get() > 0; spins++) {
                if (spins < 1 << 12) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
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
                    pending.decrementAndGet();
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

        /** Spins, then parks, until a loop newer than {@code done} is published or the team stops. */
        private void awaitLoop(long done) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            int spins = 0;
            while (waiting(done)) {
                if (++spins % 64 != 0 || System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                    continue;
                }
                parked = true;
                if (waiting(done)) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
    }
}
