package dev.tuna.engine.bench;

import dev.tuna.engine.io.DType;
import dev.tuna.engine.kernels.Parallel;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.ModelConfig;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code tuna bench}: measures this machine's engine speed — matmul GFLOP/s against the measured FMA peak, training
 * tokens/s (SmolLM2-135M-shaped LoRA, nano full fine-tuning), prefill and decode tokens/s (SmolLM2-135M shape, bf16)
 * — and peak memory, with random weights generated on the fly (no download).
 */
public final class Benchmarks {
    /** What to measure. */
    public enum Part {
        MATMUL, TRAIN, GENERATE
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

    private static Llama base(Llama[] cache, ModelConfig c) {
        if (cache[0] == null) {
            cache[0] = Llama.random(c, 1, DType.BF16);
        }
        return cache[0];
    }

    /** Runs the chosen parts; {@code progress} hears a line as each part starts. */
    public static BenchReport run(Options options, Consumer<String> progress) {
        var report = new BenchReport();
        boolean quick = options.quick();
        ModelConfig big = quick ? Shapes.tiny() : Shapes.smolLm2();
        int seq = quick ? 32 : Shapes.SEQUENCE;
        int minSteps = quick ? 1 : 3;
        Llama[] base = new Llama[1]; // the random bf16 base, shared by the LoRA and generation parts
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
                    case TRAIN -> {
                        Parallel.setThreads(options.threads());
                        progress.accept("train: random bf16 " + Shapes.describe(big) + ", LoRA steps of " + seq
                                + " tokens");
                        Llama b = base(base, big);
                        PeakMemory.reset();
                        TrainBench.lora(report, "train.smollm2_135m_lora", b, seq, options.seconds(), minSteps);
                        report.add("train.smollm2_135m_lora.peak_memory_mb", "peak resident memory",
                                PeakMemory.rssMb(), "MB");
                        peakRss = Math.max(peakRss, PeakMemory.rssMb());
                        peakHeap = Math.max(peakHeap, PeakMemory.heapMb());
                        progress.accept("train: nano full fine-tuning, steps of " + seq + " tokens");
                        PeakMemory.reset();
                        TrainBench.full(report, "train.nano_full", quick ? Shapes.tiny() : Shapes.nano(), seq,
                                options.seconds(), minSteps);
                        report.add("train.nano_full.peak_memory_mb", "peak resident memory", PeakMemory.rssMb(), "MB");
                    }
                    case GENERATE -> {
                        Parallel.setThreads(options.threads());
                        progress.accept("generate: random bf16 " + Shapes.describe(big) + ", prefill and decode");
                        Llama b = base(base, big);
                        PeakMemory.reset();
                        GenerateBench.run(report, "generate.smollm2_135m_bf16", b, seq, quick ? 4 : 32,
                                options.seconds());
                        report.add("generate.smollm2_135m_bf16.peak_memory_mb", "peak resident memory",
                                PeakMemory.rssMb(), "MB");
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
