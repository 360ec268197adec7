package dev.tuna.engine.bench;

import dev.tuna.engine.kernels.Parallel;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code tuna bench}: measures this machine's engine speed (matmul GFLOP/s against the measured FMA peak) and peak
 * memory, with random weights generated on the fly (no download).
 */
public final class Benchmarks {
    /** What to measure. */
    public enum Part {
        MATMUL
    }

    /**
     * @param parts   the parts to run
     * @param seconds how long each figure is measured (its best run is kept)
     * @param threads threads for the "all threads" figures
     * @param quick   tiny shapes and single runs: checks that everything runs, the figures mean little
     */
    public record Options(Set<Part> parts, double seconds, int threads, boolean quick) {
        public Options {
            parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("seconds must be positive, got " + seconds);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }
    }

    private Benchmarks() {
    }

    /** Runs the chosen parts; {@code progress} hears a line as each part starts. */
    public static BenchReport run(Options options, Consumer<String> progress) {
        var report = new BenchReport();
        int before = Parallel.threads();
        double peakRss = 0;
        double peakHeap = 0;
        try {
            for (Part part : options.parts()) {
                PeakMemory.reset();
                switch (part) {
                    case MATMUL -> {
                        progress.accept("matmul: FMA peak and matrix products (" + options.seconds() + " s per figure)");
                        MatmulBench.run(report, options.seconds(), options.threads());
                    }
                }
                peakRss = Math.max(peakRss, PeakMemory.rssMb());
                peakHeap = Math.max(peakHeap, PeakMemory.heapMb());
            }
        } finally {
            Parallel.setThreads(before);
        }
        report.add("peak_memory_mb", "peak resident memory (heap, native and mapped pages)", peakRss, "MB");
        report.add("peak_heap_mb", "peak Java heap use", peakHeap, "MB");
        return report;
    }
}
