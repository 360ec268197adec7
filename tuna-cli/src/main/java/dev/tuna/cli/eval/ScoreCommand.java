package dev.tuna.cli.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tuna.data.TunaException;
import dev.tuna.data.metrics.AnswerMetric;
import dev.tuna.data.metrics.Evaluation;
import dev.tuna.data.metrics.PredictionsFile;
import dev.tuna.data.metrics.PythonFloat;
import dev.tuna.data.eval.EvalDataset;
import dev.tuna.data.prepare.Template;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tuna eval score}: the official EM/F1 of a predictions file. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Score a predictions file ({\"question id\": \"answer\", ...}) against a KorQuAD 1.0 or SQuAD file, "
                    + "exactly as the official scripts do (KorQuAD's evaluate-v1.0.py, SQuAD's evaluate-v1.1.py): "
                    + "every question of the dataset counts, a question without a prediction scores 0, predictions "
                    + "for other ids are ignored.",
            "",
            "Prints the official script's line, {\"exact_match\": .., \"f1\": ..}, digit for digit. Questions "
                    + "without a prediction are listed on stderr. A chat JSONL file works too (ids line-1, line-2, "
                    + "... as 'tuna eval run' writes them).",
        },
        footer = {
            "",
            "Examples:",
            "  tuna eval score --dataset data/korquad/KorQuAD_v1.0_dev.json \\",
            "      --predictions data/korquad/dev-evaluate-in1",
            "  tuna eval score --dataset dev.json --predictions pred.json --json",
        })
public final class ScoreCommand implements Callable<Integer> {
    /** How many unanswered ids are listed before "... and N more". */
    static final int LISTED_UNANSWERED = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "FILE",
            description = "KorQuAD 1.0 / SQuAD v1.1 / v2.0 JSON (v2.0's unanswerable questions are left out), or chat JSONL.")
    Path dataset;

    @Option(names = "--predictions", required = true, paramLabel = "FILE",
            description = "JSON object mapping question ids to answer texts.")
    Path predictions;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "korquad-v1 or squad-v1 (default: from the dataset: korquad-v1 for KorQuAD files and for "
                    + "chat JSONL with Korean answers, else squad-v1).")
    String metric;

    @Option(names = "--json", description = "Print a JSON object with the scores, the counts and the unanswered ids.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        EvalDataset data = EvalDataset.load(dataset, Template.CLOSED);
        if (metric != null) {
            data = data.withMetric(metricNamed(metric));
        }
        Map<String, String> preds = PredictionsFile.read(predictions);
        Evaluation e = Evaluation.of(data.metric(), data.golds(), preds);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json) {
            out.println(json(e, data));
        } else {
            out.println(e.toOfficialJson());
        }
        out.flush();
        report(err, e, data, preds.size());
        return 0;
    }

    private void report(PrintWriter err, Evaluation e, EvalDataset data, int predictionCount) {
        var missing = e.unanswered();
        for (int i = 0; i < Math.min(LISTED_UNANSWERED, missing.size()); i++) {
            err.println("Unanswered question " + missing.get(i) + " will receive score 0.");
        }
        if (missing.size() > LISTED_UNANSWERED) {
            err.println("... and " + (missing.size() - LISTED_UNANSWERED) + " more unanswered questions"
                    + (json ? "" : " (--json lists them all)") + ".");
        }
        if (!missing.isEmpty()) {
            err.printf(Locale.ROOT, "tuna: warning: %d of %d questions have no prediction in %s and score 0.%n",
                    missing.size(), e.total(), predictions);
            if (missing.size() == e.total() && predictionCount > 0) {
                err.println("tuna: warning: none of the " + predictionCount + " predictions has an id of " + dataset
                        + "; are they for another dataset?");
            }
        }
        if (data.skippedUnanswerable() > 0) {
            err.println("tuna: note: " + data.skippedUnanswerable() + " unanswerable (SQuAD v2.0) questions are"
                    + " not scored: the v1.1 metric needs gold answers.");
        }
        err.flush();
    }

    static String json(Evaluation e, EvalDataset data) throws IOException {
        StringWriter s = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(s)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            // The official script's digits, not Java's: the same text as its output.
            g.writeFieldName("exact_match");
            g.writeNumber(PythonFloat.repr(e.exactMatch()));
            g.writeFieldName("f1");
            g.writeNumber(PythonFloat.repr(e.f1()));
            g.writeStringField("metric", e.metric().name());
            g.writeStringField("dataset", data.file().toString());
            g.writeNumberField("total", e.total());
            g.writeNumberField("answered", e.total() - e.unanswered().size());
            g.writeArrayFieldStart("unanswered");
            for (String id : e.unanswered()) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeNumberField("skipped_unanswerable", data.skippedUnanswerable());
            g.writeEndObject();
        }
        return s.toString();
    }

    static AnswerMetric metricNamed(String name) {
        try {
            return AnswerMetric.named(name);
        } catch (IllegalArgumentException e) {
            throw new TunaException("--metric must be korquad-v1 or squad-v1, not '" + name + "'");
        }
    }
}
