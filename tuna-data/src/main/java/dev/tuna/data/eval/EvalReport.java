package dev.tuna.data.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import dev.tuna.data.metrics.AnswerMetric;
import dev.tuna.data.metrics.AnswerScore;
import dev.tuna.data.metrics.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The results of a run: per variant (model × system prompt) EM/F1 with the difference to the baseline (the first
 * variant), how often repeated answers differ, every question's answers, the fine-tuned models' loss curves, and the
 * run's settings. Written as JSON ({@link #writeJson}) and as a self-contained HTML page ({@link HtmlReport}).
 *
 * @param title a heading, e.g. the dataset's file name
 * @param metric the metric's name ({@code korquad-v1} or {@code squad-v1})
 * @param settings the run's settings, in display order
 * @param variants one summary per variant, the baseline first
 * @param questions one row per question, in dataset order
 * @param lossCurves the loss curves of the fine-tuned models among the variants
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalReport(String title, String metric, Map<String, String> settings, List<VariantSummary> variants,
                         List<QuestionRow> questions, List<LossCurve> lossCurves) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param exactMatch the official EM (percent) of the first repeat's answers
     * @param f1 the official F1 (percent) of the first repeat's answers
     * @param deltaExactMatch EM minus the baseline's EM (0 for the baseline)
     * @param deltaF1 F1 minus the baseline's F1
     * @param repeats how many times each question was asked
     * @param questionsWithDifferentAnswers questions whose answers were not all identical across the repeats
     * @param minExactMatch the lowest EM over the repeats (equal to exactMatch when repeats is 1)
     * @param maxExactMatch the highest EM over the repeats
     */
    public record VariantSummary(String model, String system, String label, double exactMatch, double f1,
                                 double deltaExactMatch, double deltaF1, int questions, int repeats,
                                 int questionsWithDifferentAnswers, double minExactMatch, double maxExactMatch) {
    }

    /** A question with each variant's (first-repeat, post-processed) answer and its scores. */
    public record QuestionRow(String id, String question, List<String> golds, List<Cell> answers) {
        /** Whether some variant did not match exactly: what the "wrong answers" filter shows. */
        public boolean anyWrong() {
            return answers.stream().anyMatch(c -> !c.exactMatch());
        }
    }

    /** One variant's answer to one question; {@code distinctAnswers} counts different answers over the repeats. */
    public record Cell(String answer, boolean exactMatch, double f1, int distinctAnswers) {
    }

    /** Scores the answers of a run and builds the report. */
    public static EvalReport build(String title, EvalDataset dataset, RunSettings settings, RunAnswers answers,
                                   Map<String, String> settingsShown, List<LossCurve> lossCurves) {
        AnswerMetric metric = dataset.metric();
        List<EvalQuestion> questions = answers.questions();
        int variants = answers.variants().size();
        int repeat = answers.repeat();
        List<Evaluation> firsts = new ArrayList<>();
        List<VariantSummary> summaries = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            double minEm = Double.MAX_VALUE;
            double maxEm = -1;
            Evaluation first = null;
            for (int r = 0; r < repeat; r++) {
                Evaluation e = Evaluation.of(metric, dataset.golds(), predictions(answers, settings, v, r));
                if (r == 0) {
                    first = e;
                }
                minEm = Math.min(minEm, e.exactMatch());
                maxEm = Math.max(maxEm, e.exactMatch());
            }
            firsts.add(first);
            int differing = 0;
            for (int q = 0; q < questions.size(); q++) {
                differing += distinct(answers, settings, v, q) > 1 ? 1 : 0;
            }
            Variant variant = answers.variants().get(v);
            Evaluation base = firsts.getFirst();
            summaries.add(new VariantSummary(variant.model(), variant.system(), variant.label(), first.exactMatch(),
                    first.f1(), first.exactMatch() - base.exactMatch(), first.f1() - base.f1(), questions.size(),
                    repeat, differing, minEm, maxEm));
        }
        List<QuestionRow> rows = new ArrayList<>();
        for (int q = 0; q < questions.size(); q++) {
            List<Cell> cells = new ArrayList<>();
            for (int v = 0; v < variants; v++) {
                var result = firsts.get(v).questions().get(q);
                AnswerScore s = result.score();
                cells.add(new Cell(result.prediction(), s.exactMatch(), s.f1(), distinct(answers, settings, v, q)));
            }
            EvalQuestion eq = questions.get(q);
            rows.add(new QuestionRow(eq.id(), eq.question(), eq.golds(), cells));
        }
        return new EvalReport(title, metric.name(), new LinkedHashMap<>(settingsShown), summaries, rows,
                List.copyOf(lossCurves));
    }

    /** The post-processed answers of variant {@code v} in repeat {@code r}, keyed by question id. */
    public static Map<String, String> predictions(RunAnswers answers, RunSettings settings, int v, int r) {
        Map<String, String> p = new LinkedHashMap<>();
        List<EvalQuestion> questions = answers.questions();
        for (int q = 0; q < questions.size(); q++) {
            p.put(questions.get(q).id(), settings.postProcess(answers.answer(v, q, r), questions.get(q).context()));
        }
        return p;
    }

    private static int distinct(RunAnswers answers, RunSettings settings, int v, int q) {
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < answers.repeat(); r++) {
            seen.add(settings.postProcess(answers.answer(v, q, r), answers.questions().get(q).context()));
        }
        return seen.size();
    }

    public void writeJson(Path file) {
        String json;
        try {
            json = JSON.writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new TunaException(file + ": cannot write the report: " + e.getMessage(), e);
        }
        write(file, json);
    }

    /** Writes a report file (JSON or HTML) atomically, creating its folder. */
    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new TunaException(file + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    public static EvalReport readJson(Path file) {
        try {
            return JSON.readValue(file.toFile(), EvalReport.class);
        } catch (IOException e) {
            throw new TunaException(file + ": cannot read the report: " + e.getMessage(), e);
        }
    }
}
