package dev.tuna.cli.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuna.cli.TunaHome;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.client.BackendOptions;
import dev.tuna.data.TunaException;
import dev.tuna.data.eval.EvalDataset;
import dev.tuna.data.eval.EvalReport;
import dev.tuna.data.eval.EvalRunner;
import dev.tuna.data.eval.HtmlReport;
import dev.tuna.data.eval.LossCurve;
import dev.tuna.data.eval.PredictionCache;
import dev.tuna.data.eval.RunAnswers;
import dev.tuna.data.eval.RunSettings;
import dev.tuna.data.eval.Variant;
import dev.tuna.data.metrics.PredictionsFile;
import dev.tuna.data.prepare.Template;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna eval run}: ask models every question of a dataset, score the answers, compare, report. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Ask one or more models every question of a KorQuAD/SQuAD file (through --template, as 'tuna prepare' "
                    + "writes it) or of a chat JSONL file (the last assistant message is the gold answer), score the "
                    + "answers with the official EM/F1, and compare models and system prompts.",
            "",
            "Requests go to /v1/chat/completions of the backend, at most --concurrency at once, retried by the "
                    + "client on rate limits, server errors and dropped connections. Every answer is cached as it "
                    + "arrives: an interrupted run continues where it stopped when started again with the same "
                    + "options. Answers are only trimmed (and, with --extract-span, cut to a piece of the context).",
        },
        footer = {
            "",
            "Examples:",
            "  tuna eval run --model tuna-nano --limit 50 --out pred.json \\",
            "      --dataset data/korquad/KorQuAD_v1.0_dev.json",
            "  tuna eval run --models tuna-nano,ft:tuna-nano:local:kq:abc123 \\",
            "      --dataset train.jsonl --report report.html",
            "  tuna eval run --model gpt-4o-mini --dataset dev.json --limit 100 \\",
            "      --systems \"You are Marv, a sarcastic chatbot.\" \\",
            "      \"You are a helpful assistant.\" --report marv.html",
            "  tuna eval run --model ft:tuna-nano:local:kq:abc123 --dataset dev.json \\",
            "      --repeat 5 --seed 42",
            "",
            "The local dashboard (tuna serve) lists the reports saved in its data folder's reports/ "
                    + "(by default $TUNA_HOME/reports).",
        })
public final class RunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    BackendOptions backend;

    @Option(names = "--model", paramLabel = "MODEL", description = "A model to ask (repeatable).")
    List<String> model = new ArrayList<>();

    @Option(names = "--models", paramLabel = "MODEL", split = ",",
            description = "Models to compare, comma-separated; the first is the baseline.")
    List<String> models = new ArrayList<>();

    @Option(names = "--dataset", required = true, paramLabel = "FILE",
            description = "KorQuAD 1.0 / SQuAD JSON, or chat JSONL (e.g. the output of 'tuna prepare').")
    Path dataset;

    @Option(names = "--system", paramLabel = "TEXT", description = "System prompt (default: none; for chat JSONL the file's own).")
    String system;

    @Option(names = "--systems", paramLabel = "TEXT", arity = "1..*",
            description = "Several system prompts to compare on the same questions; the first is the baseline.")
    List<String> systems = new ArrayList<>();

    @Option(names = "--template", paramLabel = "closed|context", defaultValue = "closed",
            description = "KorQuAD/SQuAD only: the bare question (closed) or the paragraph then the question (context); default: ${DEFAULT-VALUE}.")
    Template template;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N questions.")
    Integer limit;

    @Option(names = "--seed", paramLabel = "N", description = "The requests' seed (reproducible answers on the local backend).")
    Long seed;

    @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature (default: the backend's, 1 for OpenAI and local).")
    Double temperature;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "64",
            description = "Longest answer in tokens (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--repeat", paramLabel = "K", defaultValue = "1",
            description = "Ask each question K times and report how often the answers differ (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--extract-span", description = "Cut each answer to its longest piece that occurs in the context (context template).")
    boolean extractSpan;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Requests in flight at once (default: 1 for a server on this machine, 4 otherwise).")
    Integer concurrency;

    @Option(names = "--metric", paramLabel = "NAME", description = "korquad-v1 or squad-v1 (default: from the dataset).")
    String metric;

    @Option(names = "--out", paramLabel = "PRED.json",
            description = "Write the predictions ({\"id\": \"answer\"}, for 'tuna eval score'); with several models or "
                    + "system prompts one file each, numbered PRED-1.json, PRED-2.json, ...")
    Path out;

    @Option(names = "--report", paramLabel = "REPORT.html",
            description = "Write a self-contained HTML report, and REPORT.json beside it.")
    Path report;

    @Option(names = "--cache", paramLabel = "FILE",
            description = "Where answers are cached during the run (default: $TUNA_HOME/eval/run-<digest of the options>.jsonl; removed when the run completes).")
    Path cache;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() {
        List<String> modelList = new ArrayList<>(new LinkedHashSet<>(concat(model, models)));
        if (modelList.isEmpty()) {
            throw new TunaException("give the model to ask: --model M, or --models A,B to compare");
        }
        if (repeat < 1) {
            throw new TunaException("--repeat must be at least 1");
        }
        List<String> systemList = concat(system == null ? List.of() : List.of(system), systems);
        List<Variant> variants = new ArrayList<>();
        for (String m : modelList) {
            if (systemList.isEmpty()) {
                variants.add(new Variant(m, null));
            }
            for (String s : systemList) {
                variants.add(new Variant(m, s));
            }
        }

        EvalDataset data = EvalDataset.load(dataset, template).limit(limit);
        if (metric != null) {
            data = data.withMetric(ScoreCommand.metricNamed(metric));
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (Api api = backend.connect()) {
            int parallel = concurrency != null ? concurrency : api.backend().isLoopback() ? 1 : 4;
            if (parallel < 1) {
                throw new TunaException("--concurrency must be at least 1");
            }
            RunSettings settings = new RunSettings(template, limit, seed, temperature, maxTokens, repeat, extractSpan,
                    parallel);
            Path cacheFile = cache != null ? cache : defaultCache(variants, data, settings);
            err.printf(Locale.ROOT, "Asking %s %d questions%s from %s (%s) at %s%n", describe(variants),
                    data.questions().size(), repeat > 1 ? " × " + repeat : "", dataset, data.format(),
                    api.backend().baseUrl());
            err.flush();
            RunAnswers answers;
            try (PredictionCache c = PredictionCache.open(cacheFile);
                 EvalProgress progress = new EvalProgress(err)) {
                answers = EvalRunner.run(data, variants, settings, new ChatAnswerer(api, settings), c, progress);
            }
            List<LossCurve> curves = report != null ? LossCurves.fetch(api, modelList, err) : List.of();
            Map<String, String> shown = settingsShown(data, settings, api, cacheFile, variants);
            EvalReport r = EvalReport.build(dataset.getFileName().toString(), data, settings, answers, shown, curves);
            List<Path> written = writeOutputs(r, answers, settings, variants.size());
            printSummary(stdout, r, written);
            // Complete: the next run with the same options asks again (that is how non-determinism is measured).
            PredictionCache.open(cacheFile).delete();
        }
        return 0;
    }

    private List<Path> writeOutputs(EvalReport r, RunAnswers answers, RunSettings settings, int variantCount) {
        List<Path> written = new ArrayList<>();
        if (out != null) {
            for (int v = 0; v < variantCount; v++) {
                Path file = variantCount == 1 ? out : numbered(out, v + 1);
                PredictionsFile.write(file, EvalReport.predictions(answers, settings, v, 0));
                written.add(file);
            }
        }
        if (report != null) {
            HtmlReport.write(r, report);
            Path jsonFile = jsonBeside(report);
            r.writeJson(jsonFile);
            written.add(report);
            written.add(jsonFile);
        }
        return written;
    }

    private void printSummary(PrintWriter stdout, EvalReport r, List<Path> written) {
        if (json) {
            try {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("metric", r.metric());
                s.put("questions", r.questions().size());
                s.put("variants", r.variants());
                s.put("files", written.stream().map(Path::toString).toList());
                stdout.println(JSON.writeValueAsString(s));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            stdout.printf(Locale.ROOT, "%-3s %-48s %8s %8s %8s %8s  %s%n", "#", "model · system prompt", "EM", "F1",
                    "ΔEM", "ΔF1", r.variants().getFirst().repeats() > 1 ? "differing answers" : "");
            int i = 0;
            for (EvalReport.VariantSummary v : r.variants()) {
                i++;
                String differing = v.repeats() > 1 ? v.questionsWithDifferentAnswers() + " of " + v.questions() : "";
                stdout.printf(Locale.ROOT, "%-3d %-48s %8.2f %8.2f %8s %8s  %s%n", i, abbreviate(v.label(), 48),
                        v.exactMatch(), v.f1(), i == 1 ? "base" : signed(v.deltaExactMatch()),
                        i == 1 ? "" : signed(v.deltaF1()), differing);
            }
            stdout.println("(" + metricLabel(r.metric()) + ", " + r.questions().size() + " questions)");
            for (Path p : written) {
                stdout.println("Wrote " + p);
            }
        }
        stdout.flush();
    }

    private Map<String, String> settingsShown(EvalDataset data, RunSettings s, Api api, Path cacheFile,
                                              List<Variant> variants) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dataset", dataset.toAbsolutePath().normalize() + " (" + data.format() + ")");
        m.put("questions", data.questions().size() + (limit != null ? " (--limit " + limit + ")" : "")
                + (data.skippedUnanswerable() > 0 ? ", " + data.skippedUnanswerable() + " unanswerable skipped" : ""));
        m.put("metric", metricLabel(data.metric().name()));
        m.put("models", String.join(", ", variants.stream().map(Variant::model).distinct().toList()));
        List<String> prompts = variants.stream().map(Variant::system).distinct()
                .map(p -> p == null ? "(none)" : "\"" + p + "\"").toList();
        m.put("system prompts", String.join(" · ", prompts));
        if (data.format().equals("chat-jsonl")) {
            m.put("prompt", "the file's messages");
        } else {
            m.put("template", s.template().wireName());
        }
        m.put("seed", s.seed() == null ? "(none)" : s.seed().toString());
        m.put("temperature", s.temperature() == null ? "(backend default)" : s.temperature().toString());
        m.put("max tokens", String.valueOf(s.maxTokens()));
        m.put("repeat", String.valueOf(s.repeat()));
        m.put("post-processing", s.extractSpan() ? "trim, extract span" : "trim");
        m.put("backend", api.backend().baseUrl() + " (" + api.backend().source() + ")");
        m.put("concurrency", String.valueOf(s.concurrency()));
        m.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
    }

    private Path defaultCache(List<Variant> variants, EvalDataset data, RunSettings s) {
        String identity = String.join("\u0000", dataset.toAbsolutePath().normalize().toString(), String.valueOf(limit),
                s.template().wireName(), String.valueOf(s.seed()), String.valueOf(s.temperature()),
                String.valueOf(s.maxTokens()), String.valueOf(s.repeat()), variants.toString(),
                String.valueOf(data.questions().size()));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return TunaHome.resolve().resolve("eval").resolve("run-" + HexFormat.of().formatHex(d, 0, 8) + ".jsonl");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path numbered(Path file, int n) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
        return file.resolveSibling(numbered);
    }

    /** Where the JSON report goes beside an HTML one ({@code report.html} → {@code report.json}). */
    public static Path jsonBeside(Path html) {
        String name = html.getFileName().toString();
        String base = name.toLowerCase(Locale.ROOT).endsWith(".html") ? name.substring(0, name.length() - 5)
                : name.toLowerCase(Locale.ROOT).endsWith(".htm") ? name.substring(0, name.length() - 4) : name;
        return html.resolveSibling(base + ".json");
    }

    private static String describe(List<Variant> variants) {
        return variants.size() == 1 ? variants.getFirst().model() : variants.size() + " configurations";
    }

    private static String metricLabel(String metric) {
        return metric.equals("korquad-v1") ? "KorQuAD 1.0 EM/F1" : "SQuAD v1.1 EM/F1";
    }

    private static String signed(double d) {
        return String.format(Locale.ROOT, "%+.2f", d);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
