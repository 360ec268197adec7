package dev.tuna.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuna.cli.TunaHome;
import dev.tuna.data.TunaException;
import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tuna demo}: the KorQuAD fine-tuning tutorial end to end on the local backend. It starts the server in this
 * process and then runs the same {@code tuna} commands a user would type, through the same HTTP API.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the whole KorQuAD fine-tuning tutorial on this machine, with no key and no network.",
            "",
            "It starts the local server, prepares chat data from the shipped KorQuAD dev set, validates and "
                    + "uploads it, fine-tunes tuna-nano (or --base MODEL) while following the job, chats with the "
                    + "result under the system prompt it was trained with and the tutorial's two, cancels a job, "
                    + "and measures base vs fine-tuned with the official EM/F1.",
            "",
            "Each step prints the tuna command it runs, so you can run it yourself afterwards.",
        },
        footer = {
            "",
            "Examples:",
            "  tuna demo",
            "  tuna demo --keep                        # then open the dashboard it prints",
            "  tuna demo --questions 100 --quick       # a shorter run",
            "  tuna demo --base SmolLM2-135M-Instruct  # LoRA on a pulled checkpoint",
        })
public final class DemoCommand implements Callable<Integer> {
    static final String MARV = "Marv is a factual chatbot that is also sarcastic.";
    static final String HELPFUL = "You are a helpful assistant.";

    @Spec
    CommandSpec spec;

    @Option(names = "--questions", paramLabel = "N", defaultValue = "160",
            description = "KorQuAD questions to use, before the held-out split (default: ${DEFAULT-VALUE}).")
    int questions;

    @Option(names = "--held-out", paramLabel = "F", defaultValue = "0.5",
            description = "Share of the questions held out for evaluation, whole articles at a time "
                    + "(default: ${DEFAULT-VALUE}).")
    double heldOut;

    @Option(names = "--base", paramLabel = "MODEL", defaultValue = "tuna-nano",
            description = "Base model: tuna-nano, or a checkpoint folder's name in the models folder "
                    + "(default: ${DEFAULT-VALUE}).")
    String base;

    @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: the server's auto choice).")
    Integer epochs;

    @Option(names = "--quick", description = "A short smoke run: few questions and epochs (used by CI).")
    boolean quick;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed for the split, the job and every answer (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Working folder for the data, the server's state and the reports "
                    + "(default: $TUNA_HOME/demo; emptied first).")
    Path dir;

    @Option(names = "--dataset", paramLabel = "FILE",
            description = "The KorQuAD 1.0 file (default: data/korquad/KorQuAD_v1.0_dev.json of this repository).")
    Path dataset;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "Port of the in-process server on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = "--keep", description = "Leave the server (and its dashboard) running at the end, until Ctrl+C.")
    boolean keep;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        int n = quick ? Math.min(questions, 60) : questions;
        Integer trainEpochs = epochs;

        DemoFolder folder = DemoFolder.prepare(dir != null ? dir : TunaHome.resolve().resolve("demo"));
        Path korquad = dataset != null ? dataset : DemoFolder.shippedKorquad();
        Path train = folder.root().resolve("korquad-train.jsonl");
        Path val = folder.root().resolve("korquad-held-out.jsonl");
        Path modelsDir = TunaHome.resolve().resolve("models");

        ServerConfig config = ServerConfig.of(folder.server(), modelsDir).withPort(port);
        TunaServer server = TunaServer.start(config);
        Thread stopper = new Thread(server::stop, "tuna-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            String url = server.baseUrl().toString();
            out.println("Tuna demo: the KorQuAD fine-tuning tutorial, end to end, on this machine.");
            out.println("Local OpenAI-compatible server: " + url + "  (state in " + folder.server() + ")");
            out.println();
            TunaInProcess tuna = new TunaInProcess(url, out, err);
            Steps steps = new Steps(out, 8);

            steps.begin("Prepare chat data from KorQuAD (closed template, the tutorial's empty system message)");
            tuna.show(List.of("prepare", "korquad", korquad.toString(), "-o", train.toString(),
                    "--system", "", "--limit", Integer.toString(n), "--val-fraction", Double.toString(heldOut),
                    "--seed", Long.toString(seed), "--val-output", val.toString()));

            steps.begin("Validate it as OpenAI would, with token counts and what gpt-3.5-turbo would cost");
            tuna.show(List.of("validate", train.toString(), "--model", "gpt-3.5-turbo"));

            steps.begin("Upload the files and list them");
            String trainId = tuna.json(List.of("files", "upload", train.toString())).path("id").asText();
            out.println("  uploaded as " + trainId);
            String valId = tuna.json(List.of("files", "upload", val.toString())).path("id").asText();
            out.println("  uploaded as " + valId);
            out.println();
            tuna.show(List.of("files", "list"));

            steps.begin("Fine-tune " + base + " and follow the job");
            List<String> create = new ArrayList<>(List.of("jobs", "create", "--model", base, "--training-file", trainId,
                    "--validation-file", valId, "--suffix", "korquad", "--seed", Long.toString(seed)));
            if (trainEpochs != null) {
                create.addAll(List.of("--epochs", trainEpochs.toString()));
            } else if (quick) {
                create.addAll(List.of("--epochs", "3"));
            }
            String jobId = tuna.json(create).path("id").asText();
            out.println("  created " + jobId);
            out.println();
            long trainStart = System.nanoTime();
            tuna.show(List.of("jobs", "wait", jobId));
            Duration trainTime = Duration.ofNanos(System.nanoTime() - trainStart);
            JsonNode job = tuna.json(List.of("jobs", "get", jobId));
            String model = job.path("fine_tuned_model").asText();
            out.println("  fine-tuned model: " + model + ", " + job.path("trained_tokens").asLong() + " tokens trained");
            out.println();

            steps.begin("Ask it trained questions, under the system prompt it learned them with (empty) and under the"
                    + " tutorial's two (seeded: the same answer every run)");
            List<DemoQuestion> asked = DemoQuestion.first(train, 2);
            for (DemoQuestion q : asked) {
                tuna.show(List.of("chat", "--model", model, "--seed", Long.toString(seed), "--system", "",
                        q.question()));
                tuna.show(List.of("chat", "--model", model, "--seed", Long.toString(seed),
                        "--compare-system", MARV, HELPFUL, q.question()));
                out.println("  (KorQuAD's answer: " + q.answer() + ")");
                out.println();
            }
            out.println("The system prompt is part of what the model reads: it was trained with an empty one, so under a");
            out.println("prompt it never saw it answers differently (a model trained with Marv's prompt would answer as");
            out.println("Marv; prepare with --system to choose). The same question with the same seed, twice:");
            DemoQuestion again = asked.get(0);
            for (int i = 0; i < 2; i++) {
                tuna.show(List.of("chat", "--model", model, "--system", "", "--seed", Long.toString(seed),
                        again.question()));
            }

            steps.begin("Start a second job and cancel it");
            String second = tuna.json(List.of("jobs", "create", "--model", base, "--training-file", trainId,
                    "--suffix", "cancelled", "--seed", Long.toString(seed + 1))).path("id").asText();
            out.println("  created " + second);
            out.println();
            tuna.show(List.of("jobs", "cancel", second));
            tuna.show(List.of("jobs", "list", "--limit", "2"));

            steps.begin("Evaluate base vs fine-tuned with the official KorQuAD EM/F1, on trained and held-out questions");
            Path reports = folder.server().resolve("reports");
            Files.createDirectories(reports);
            Path trainedReport = reports.resolve("demo-trained.html");
            Path heldOutReport = reports.resolve("demo-held-out.html");
            String pair = base + "," + model;
            tuna.show(List.of("eval", "run", "--models", pair, "--dataset", train.toString(), "--temperature", "0",
                    "--seed", Long.toString(seed), "--report", trainedReport.toString()));
            tuna.show(List.of("eval", "run", "--models", pair, "--dataset", val.toString(), "--temperature", "0",
                    "--seed", Long.toString(seed), "--report", heldOutReport.toString()));

            steps.begin("Summary");
            DemoSummary summary = new DemoSummary(base, model, trainTime, Duration.ofNanos(System.nanoTime() - started),
                    DemoSummary.scores(trainedReport), DemoSummary.scores(heldOutReport), trainedReport, heldOutReport);
            summary.print(out);
            if (keep) {
                out.println();
                out.println("The server keeps running: open the dashboard at " + url.replaceAll("/v1$", "/")
                        + " (Ctrl+C stops it).");
                out.flush();
                server.awaitStop();
            }
            return 0;
        } finally {
            if (!keep) {
                server.stop();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is already running: it stops the server.
            }
        }
    }

    /** Numbered step headings. */
    private static final class Steps {
        private final PrintWriter out;
        private final int total;
        private int current;

        Steps(PrintWriter out, int total) {
            this.out = out;
            this.total = total;
        }

        void begin(String title) {
            current++;
            out.println("── " + current + "/" + total + "  " + title);
            out.flush();
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new TunaException("demo: " + message);
        }
    }
}
