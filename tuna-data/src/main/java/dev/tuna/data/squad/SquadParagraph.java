package dev.tuna.data.squad;

import java.util.List;

/**
 * One paragraph: a context and the questions asked about it.
 *
 * @param context the passage the answers are spans of
 * @param questions the paragraph's {@code qas}, in file order (may be empty: KorQuAD dev has one such paragraph)
 */
public record SquadParagraph(String context, List<SquadQuestion> questions) {
    public SquadParagraph {
        questions = List.copyOf(questions);
    }

    /**
     * Whether {@code answer.text()} really starts at {@code answer.answerStart()} in the context. Offsets are code
     * points (Python string indices), so this also holds for text outside the Basic Multilingual Plane.
     */
    public boolean spanMatches(SquadAnswer answer) {
        int start = answer.answerStart();
        if (start < 0 || start > context.codePointCount(0, context.length())) {
            return false;
        }
        int from = context.offsetByCodePoints(0, start);
        return context.startsWith(answer.text(), from);
    }
}
