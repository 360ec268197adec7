package dev.tuna.data.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scores of a set of predictions over a dataset, computed the way the official scripts do: every gold question
 * counts in the total, a question without a prediction scores 0, predictions for unknown ids are ignored.
 *
 * @param metric the metric used
 * @param exactMatch 100 × (exact matches) / total, as the script prints it
 * @param f1 100 × (sum of F1) / total, as the script prints it
 * @param questions each question's score, in dataset order
 * @param unanswered the ids that had no prediction, in dataset order
 */
public record Evaluation(AnswerMetric metric, double exactMatch, double f1, List<QuestionResult> questions,
                         List<String> unanswered) {
    public Evaluation {
        questions = List.copyOf(questions);
        unanswered = List.copyOf(unanswered);
    }

    /** One question's outcome; {@code prediction} is null when it was not answered. */
    public record QuestionResult(GoldQuestion gold, String prediction, AnswerScore score) {
        public boolean answered() {
            return prediction != null;
        }
    }

    /** Scores {@code predictions} (id → answer) against {@code golds}. */
    public static Evaluation of(AnswerMetric metric, List<GoldQuestion> golds, Map<String, String> predictions) {
        if (golds.isEmpty()) {
            throw new IllegalArgumentException("no questions to score");
        }
        List<QuestionResult> results = new ArrayList<>(golds.size());
        List<String> unanswered = new ArrayList<>();
        int exact = 0;
        double f1 = 0;
        for (GoldQuestion gold : golds) {
            String prediction = predictions.get(gold.id());
            if (prediction == null) {
                unanswered.add(gold.id());
                results.add(new QuestionResult(gold, null, AnswerScore.ZERO));
                continue;
            }
            AnswerScore s = metric.score(prediction, gold.answers());
            exact += s.exactMatch() ? 1 : 0;
            f1 += s.f1(); // summed in dataset order, as the script does, so the last digit agrees
            results.add(new QuestionResult(gold, prediction, s));
        }
        int total = golds.size();
        return new Evaluation(metric, 100.0 * exact / total, 100.0 * f1 / total, results, unanswered);
    }

    public int total() {
        return questions.size();
    }

    /** Exactly the line the official script prints: {@code {"exact_match": 81.2, "f1": 90.3}}. */
    public String toOfficialJson() {
        return "{\"exact_match\": " + PythonFloat.repr(exactMatch) + ", \"f1\": " + PythonFloat.repr(f1) + "}";
    }
}
