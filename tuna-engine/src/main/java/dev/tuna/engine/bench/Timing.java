package dev.tuna.engine.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeats an operation for a while and keeps its fastest and median time. The fastest run is the figure a benchmark
 * reports: on a shared machine, slower runs measure the neighbours, not the code.
 *
 * @param best   fastest run, seconds
 * @param median median run, seconds
 * @param runs   timed runs (after one untimed warm-up)
 */
public record Timing(double best, double median, int runs) {
    /**
     * Warms {@code op} up (at least one run, and a quarter of {@code seconds}), then runs it at least {@code minRuns}
     * times and until {@code seconds} have passed.
     */
    public static Timing of(Runnable op, double seconds, int minRuns) {
        long warm = System.nanoTime() + (long) (seconds * 0.25e9);
        do {
            op.run();
        } while (System.nanoTime() < warm);
        List<Double> times = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (times.size() < minRuns || System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            op.run();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        Collections.sort(times);
        return new Timing(times.getFirst(), times.get(times.size() / 2), times.size());
    }

    /** {@code work} units per second at the best time (e.g. flops → flop/s). */
    public double bestRate(double work) {
        return work / best;
    }
}
