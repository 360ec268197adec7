package dev.tuna.data.eval;

import java.util.List;

/** Every raw answer of a run: for each variant, question (in dataset order) and repeat. */
public final class RunAnswers {
    private final List<Variant> variants;
    private final List<EvalQuestion> questions;
    private final String[][][] answers;

    RunAnswers(List<Variant> variants, List<EvalQuestion> questions, int repeat) {
        this.variants = List.copyOf(variants);
        this.questions = List.copyOf(questions);
        this.answers = new String[variants.size()][questions.size()][repeat];
    }

    public List<Variant> variants() {
        return variants;
    }

    public List<EvalQuestion> questions() {
        return questions;
    }

    public int repeat() {
        return answers.length == 0 || answers[0].length == 0 ? 0 : answers[0][0].length;
    }

    /** The raw (untrimmed) answer of variant {@code v} to question {@code q} in repeat {@code r}. */
    public String answer(int v, int q, int r) {
        return answers[v][q][r];
    }

    void set(int v, int q, int r, String answer) {
        answers[v][q][r] = answer;
    }
}
