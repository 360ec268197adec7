package dev.tuna.data.squad;

import java.util.List;

/**
 * One question ({@code qas[]} entry) of a paragraph.
 *
 * @param id the question's id, unique within a well-formed file (key predictions and results by it, never by the
 *     question text: KorQuAD dev has 10 question strings that occur twice)
 * @param question the question as written in the file (not trimmed)
 * @param answers the gold answers; empty for an unanswerable SQuAD v2.0 question
 * @param impossible SQuAD v2.0's {@code is_impossible}; false when the file does not say
 * @param plausibleAnswers SQuAD v2.0's {@code plausible_answers} of an unanswerable question; usually empty
 */
public record SquadQuestion(String id, String question, List<SquadAnswer> answers, boolean impossible,
                            List<SquadAnswer> plausibleAnswers) {
    public SquadQuestion {
        answers = List.copyOf(answers);
        plausibleAnswers = List.copyOf(plausibleAnswers);
    }

    /** The answers' texts, in file order: the golds that EM and F1 take the maximum over. */
    public List<String> answerTexts() {
        return answers.stream().map(SquadAnswer::text).toList();
    }
}
