/**
 * Reading SQuAD v1.1/v2.0 and KorQuAD 1.0 dataset files (all share the SQuAD layout
 * {@code {"version", "data": [{"title", "paragraphs": [{"context", "qas": [{"id", "question", "answers": [{"text",
 * "answer_start"}], "is_impossible", "plausible_answers"}]}]}]}}).
 *
 * <p>{@link dev.tuna.data.squad.SquadReader} streams a file one article at a time, so memory stays flat however
 * large the file is:
 * <pre>{@code
 * try (SquadReader reader = SquadReader.open(path)) {
 *     reader.examples().forEach(e -> System.out.println(e.question().id() + " " + e.question().question()));
 *     System.out.println(reader.version());
 * }
 * }</pre>
 */
package dev.tuna.data.squad;
