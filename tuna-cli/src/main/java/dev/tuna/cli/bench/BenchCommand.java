package dev.tuna.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuna.engine.bench.BenchReport;
import dev.tuna.engine.bench.Benchmarks;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna bench}: the local engine's speed on this machine. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the local engine on this machine.",
            "",
            "It measures f32 and bf16 matrix-multiply GFLOP/s on 1 thread and on all threads, read against the machine's "
                    + "measured FMA peak, and bf16 decoding bandwidth (matmul); training tokens/s of a LoRA adapter on "
                    + "a SmolLM2-135M-shaped bf16 model and of nano full fine-tuning, with sequences of 256 tokens "
                    + "(train); prefill and decode tokens/s of the SmolLM2-135M shape in bf16 (generate); and peak "
                    + "memory. Weights are random and generated on the fly: nothing is downloaded. Each figure is the "
                    + "fastest of repeated runs over --seconds; other programs running at the same time lower the "
                    + "figures.",
        },
        footer = {
            "",
            "Examples:",
            "  tuna bench",
            "  tuna bench --json",
            "  tuna bench --only matmul --seconds 5",
            "  tuna bench --only train,generate --threads 1",
            "  tuna bench --quick --json    # a few seconds: checks that everything runs",
        })
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Parts to run, comma-separated: ${COMPLETION-CANDIDATES} (default: all).")
    List<Benchmarks.Part> only;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "How long each figure is measured (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the all-threads figures (default: the machine's cores).")
    Integer threads;

    @Option(names = "--quick", description = "Tiny models and 0.1 s per figure: checks that everything runs; the "
            + "figures mean little.")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        var options = new Benchmarks.Options(
                only == null || only.isEmpty() ? EnumSet.allOf(Benchmarks.Part.class) : EnumSet.copyOf(only),
                quick ? Math.min(seconds, 0.1) : seconds,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(),
                quick);
        BenchReport report = Benchmarks.run(options, line -> {
            err.println("tuna bench: " + line);
            err.flush();
        });
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.toJson()));
        } else {
            String section = null;
            for (BenchReport.Figure f : report.figures()) {
                // Figures are grouped under their key's path: "train.nano_full.tokens_per_s" → "train.nano_full".
                int dot = f.key().lastIndexOf('.');
                String head = dot < 0 ? "" : f.key().substring(0, dot);
                if (!head.equals(section)) {
                    section = head;
                    out.println(head.isEmpty() ? "" : head + ":");
                }
                String value = String.valueOf(f.value());
                out.printf("  %-60s %s%s%n", f.label(), value, f.unit().isEmpty() ? "" : " " + f.unit());
            }
        }
        out.flush();
        return 0;
    }
}
