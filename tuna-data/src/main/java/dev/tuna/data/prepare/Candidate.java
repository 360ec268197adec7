package dev.tuna.data.prepare;

/**
 * One question of an input dataset, before it becomes (or fails to become) an example.
 *
 * @param group    the unit a split keeps together (article, paragraph or row), as a number unique in the input
 * @param id       the question's id (or "line N"), for the summary
 * @param question the question, trimmed
 * @param context  the paragraph it is about ({@code ""} when there is none)
 * @param answer   the answer, trimmed, or {@code null} when the input has none (an unanswerable question)
 */
record Candidate(long group, String id, String question, String context, String answer) {
}
