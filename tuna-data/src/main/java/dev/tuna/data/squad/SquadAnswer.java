package dev.tuna.data.squad;

/**
 * One answer span: its text and where it starts in the paragraph's context.
 *
 * @param text the answer as written in the file (not trimmed)
 * @param answerStart the {@code answer_start} offset into the context, counted in characters as Python counts them
 *     (code points); -1 when the file gives none
 */
public record SquadAnswer(String text, int answerStart) {
}
