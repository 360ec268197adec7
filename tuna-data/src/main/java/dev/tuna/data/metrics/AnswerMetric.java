package dev.tuna.data.metrics;

import java.util.List;

/**
 * Exact match and F1 of a predicted answer against gold answers, as one official evaluation script computes them.
 * Implementations reproduce the script's normalisation and arithmetic exactly, so that scores match it to the last
 * printed digit.
 */
public sealed interface AnswerMetric permits KorQuadV1Metric, SquadV1Metric {
    /** The official KorQuAD 1.0 metric ({@code evaluate-v1.0.py}): character-level F1, no article removal. */
    AnswerMetric KORQUAD_V1 = new KorQuadV1Metric();
    /** The official SQuAD v1.1 metric ({@code evaluate-v1.1.py}): English normalisation, token-level F1. */
    AnswerMetric SQUAD_V1 = new SquadV1Metric();

    /** A short name for reports: {@code korquad-v1} or {@code squad-v1}. */
    String name();

    /** The script's {@code normalize_answer}. */
    String normalize(String answer);

    /** The script's {@code exact_match_score}: the normalised strings are equal. */
    default boolean exactMatch(String prediction, String gold) {
        return normalize(prediction).equals(normalize(gold));
    }

    /** The script's {@code f1_score}, in [0, 1]. */
    double f1(String prediction, String gold);

    /** Both scores, each the maximum over the golds (the script's {@code metric_max_over_ground_truths}). */
    default AnswerScore score(String prediction, List<String> golds) {
        if (golds.isEmpty()) {
            throw new IllegalArgumentException("no gold answers to score against");
        }
        boolean em = false;
        double f1 = 0;
        for (String gold : golds) {
            em |= exactMatch(prediction, gold);
            f1 = Math.max(f1, f1(prediction, gold));
        }
        return new AnswerScore(em, f1);
    }

    /**
     * The metric a dataset file's {@code version} calls for: KorQuAD's for {@code KorQuAD_v1.0_*}, SQuAD v1.1's
     * otherwise (SQuAD v1.1 and v2.0, and files without a version).
     */
    static AnswerMetric forVersion(String version) {
        return version.startsWith("KorQuAD") ? KORQUAD_V1 : SQUAD_V1;
    }

    /** The metric named {@code korquad-v1} or {@code squad-v1}. */
    static AnswerMetric named(String name) {
        return switch (name) {
            case "korquad-v1" -> KORQUAD_V1;
            case "squad-v1" -> SQUAD_V1;
            default -> throw new IllegalArgumentException("unknown metric " + name + " (korquad-v1 or squad-v1)");
        };
    }
}
