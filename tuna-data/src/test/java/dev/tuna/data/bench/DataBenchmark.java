package dev.tuna.data.bench;

import dev.tuna.data.prepare.PrepareOptions;
import dev.tuna.data.prepare.PrepareSummary;
import dev.tuna.data.prepare.SquadConverter;
import dev.tuna.data.prepare.Template;
import dev.tuna.data.validate.ValidationReport;
import dev.tuna.data.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

/**
 * {@code tuna prepare} and {@code tuna validate} on the KorQuAD 1.0 dev set (3.9 MB, 5,774 questions), one thread.
 * Time per call; validate's MB/s = the JSONL file's size (printed at set-up) / time. Templates: closed (1.0 MB of
 * JSONL, short Korean lines) and context (each line carries its paragraph, 8.4 MB).
 *
 * <p>The machine is shared, so wall-clock times swing with the load; each iteration also prints the benchmark
 * thread's CPU time per call ("cpu ms/op") and the throughput per CPU-second, which is what one core does.
 * {@code bench/jmh tuna-data DataBenchmark}, {@code bench/jmh tuna-data DataBenchmark.validate -p model=gpt-3.5-turbo}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DataBenchmark {
    static final Path KORQUAD_DEV = Path.of(System.getProperty("tuna.repo.root", "."))
            .resolve("data/korquad/KorQuAD_v1.0_dev.json");

    @Param({"closed", "context"})
    String template;

    /** The model validate counts for; {@code -p model=gpt-3.5-turbo} measures cl100k_base. */
    @Param({"gpt-4o-mini-2024-07-18"})
    String model;

    private Path dir;
    private Path converted;
    private Path scratch;
    private PrepareOptions options;
    private long jsonlBytes;
    private long cpuNanos;
    private long calls;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!Files.isRegularFile(KORQUAD_DEV)) {
            throw new IllegalStateException("run from the repository root (or set -Dtuna.repo.root): " + KORQUAD_DEV);
        }
        dir = Files.createTempDirectory("tuna-bench");
        options = PrepareOptions.defaults().withTemplate(Template.valueOf(template.toUpperCase(java.util.Locale.ROOT)));
        converted = dir.resolve("dev.jsonl");
        scratch = dir.resolve("scratch.jsonl");
        SquadConverter.convert(KORQUAD_DEV, converted, null, options);
        jsonlBytes = Files.size(converted);
        System.out.printf("%n[%s] input %,d bytes; JSONL %,d bytes%n", template, Files.size(KORQUAD_DEV), jsonlBytes);
    }

    @Setup(Level.Iteration)
    public void resetCpu() {
        cpuNanos = 0;
        calls = 0;
    }

    @TearDown(Level.Iteration)
    public void printCpu(org.openjdk.jmh.infra.BenchmarkParams params) throws IOException {
        double ms = cpuNanos / 1e6 / Math.max(1, calls);
        boolean converting = params.getBenchmark().endsWith("convert");
        long bytes = converting ? Files.size(KORQUAD_DEV) : jsonlBytes;
        System.out.printf(java.util.Locale.ROOT, "  [cpu %.1f ms/op = %.1f MB/s of %s per CPU-second]", ms,
                bytes / 1e6 / (ms / 1e3), converting ? "input" : "JSONL");
    }
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** KorQuAD dev JSON → chat JSONL (parse, template, duplicate check, atomic write). */
    @Benchmark
    public PrepareSummary convert() {
        long start = THREADS.getCurrentThreadCpuTime();
        PrepareSummary summary = SquadConverter.convert(KORQUAD_DEV, scratch, null, options);
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        calls++;
        return summary;
    }

    /** Every format rule plus o200k_base token counts, statistics, epochs and cost over the converted file. */
    @Benchmark
    public ValidationReport validate() {
        long start = THREADS.getCurrentThreadCpuTime();
        ValidationReport report = Validator.validate(converted, model);
        cpuNanos += THREADS.getCurrentThreadCpuTime() - start;
        calls++;
        if (!report.valid()) {
            throw new IllegalStateException(report.failureMessage());
        }
        return report;
    }
}
