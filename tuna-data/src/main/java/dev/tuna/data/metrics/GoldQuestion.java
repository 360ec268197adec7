package dev.tuna.data.metrics;

import dev.tuna.data.squad.SquadExample;
import java.util.List;

/**
 * A question to be scored: its id (what predictions are keyed by) and its gold answers, any of which counts.
 *
 * @param id the question's id
 * @param answers the gold answer texts, at least one
 */
public record GoldQuestion(String id, List<String> answers) {
    public GoldQuestion {
        answers = List.copyOf(answers);
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("question " + id + " has no gold answer");
        }
    }

    /** The golds of a SQuAD/KorQuAD question (it must have answers: not an unanswerable v2.0 one). */
    public static GoldQuestion of(SquadExample example) {
        return new GoldQuestion(example.question().id(), example.question().answerTexts());
    }
}
