package dev.tuna.data.eval;

import java.util.List;

/**
 * A question to ask a model and score.
 *
 * @param id the id predictions are keyed by (the dataset's question id, or {@code line-N} for chat JSONL)
 * @param question the question as shown in reports
 * @param fileSystemPrompt the system message the dataset itself carries (chat JSONL), used when the run gives none;
 *     null if there is none
 * @param turns the conversation to send after the system message, ending with the user's question
 * @param golds the gold answers, at least one
 * @param context the passage the answer is a span of (SQuAD/KorQuAD), for {@code --extract-span}; null otherwise
 */
public record EvalQuestion(String id, String question, String fileSystemPrompt, List<EvalMessage> turns,
                           List<String> golds, String context) {
    public EvalQuestion {
        turns = List.copyOf(turns);
        golds = List.copyOf(golds);
    }
}
