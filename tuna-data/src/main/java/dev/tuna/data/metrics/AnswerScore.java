package dev.tuna.data.metrics;

/** The scores of one answer: exact match (0 or 1 in the totals) and F1 in [0, 1]. */
public record AnswerScore(boolean exactMatch, double f1) {
    public static final AnswerScore ZERO = new AnswerScore(false, 0);
}
