package dev.tuna.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A lost wake-up would hang a loop forever, so every test has a deadline. */
@Timeout(30)
class WorkerTeamTest {
    private final WorkerTeam team = new WorkerTeam(3);

    @AfterEach
    void stop() {
        team.shutdown();
    }

    @Test
    void everyIndexRunsExactlyOnceOverManyBackToBackLoops() {
        for (int round = 0; round < 2_000; round++) {
            int n = 1 + round % 97;
            var hits = new AtomicIntegerArray(n);
            assertTrue(team.run((from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            }, n, Math.min(n, 12)));
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "round " + round + ", index " + i);
            }
        }
    }

    @Test
    void workersShareTheChunksAndWakeUpAfterParking() throws InterruptedException {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // Long enough apart that the workers have parked; each chunk blocks until all three threads are in one.
        for (int round = 0; round < 3; round++) {
            Thread.sleep(5);
            var all = new CountDownLatch(3);
            assertTrue(team.run((from, to) -> {
                threads.add(Thread.currentThread().getName());
                all.countDown();
                try {
                    assertTrue(all.await(10, java.util.concurrent.TimeUnit.SECONDS), "a worker never joined");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, 3, 3));
        }
        assertEquals(3, threads.size(), threads.toString());
    }

    @Test
    void aCallerWaitingLongForAWorkersChunkSleepsAndIsWokenWhenItEnds() throws InterruptedException {
        Thread caller = Thread.currentThread();
        var workerHasAChunk = new CountDownLatch(1);
        var hits = new AtomicIntegerArray(2);
        long t0 = System.nanoTime();
        assertTrue(team.run((from, to) -> {
            try {
                if (Thread.currentThread() == caller) {
                    // Hold the caller back until a worker has claimed the other chunk, so the caller must wait on it.
                    assertTrue(workerHasAChunk.await(10, java.util.concurrent.TimeUnit.SECONDS));
                } else {
                    workerHasAChunk.countDown();
                    Thread.sleep(30); // far past the spin and yield phases: the caller parks
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            hits.incrementAndGet(from);
        }, 2, 2));
        assertTrue(System.nanoTime() - t0 >= 30_000_000L, "returned before the worker's chunk ended");
        assertEquals(1, hits.get(0));
        assertEquals(1, hits.get(1));
    }

    @Test
    void aLoopStartedInsideALoopIsRefusedSoTheCallerRunsItAlone() {
        boolean[] nested = new boolean[1];
        assertTrue(team.run((from, to) -> {
            if (from == 0) {
                nested[0] = team.run((a, b) -> { }, 10, 2);
            }
        }, 8, 4));
        assertFalse(nested[0]);
    }

    @Test
    void aFailingChunkIsRethrownToTheCallerAndTheTeamStaysUsable() {
        var failure = new IllegalArgumentException("bad chunk");
        var thrown = assertThrows(IllegalArgumentException.class, () -> team.run((from, to) -> {
            if (from == 0) {
                throw failure;
            }
        }, 100, 10));
        assertSame(failure, thrown);
        var hits = new AtomicIntegerArray(50);
        assertTrue(team.run((from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        }, 50, 5));
        for (int i = 0; i < 50; i++) {
            assertEquals(1, hits.get(i));
        }
    }

    @Test
    void concurrentCallersThroughParallelAllGetCompleteResults() throws Exception {
        try (var pool = Executors.newFixedThreadPool(4)) {
            var results = new java.util.ArrayList<Future<long[]>>();
            for (int c = 0; c < 4; c++) {
                results.add(pool.submit(() -> {
                    long[] sums = new long[200];
                    for (int round = 0; round < 200; round++) {
                        long[] partial = new long[1000];
                        Parallel.forRange(1000, 10, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                partial[i] = i;
                            }
                        });
                        for (long p : partial) {
                            sums[round] += p;
                        }
                    }
                    return sums;
                }));
            }
            for (var r : results) {
                for (long s : r.get()) {
                    assertEquals(999L * 1000 / 2, s);
                }
            }
        }
    }

    @Test
    void aStoppedTeamRefusesWork() {
        team.shutdown();
        assertFalse(team.run((from, to) -> { }, 10, 2));
    }
}
