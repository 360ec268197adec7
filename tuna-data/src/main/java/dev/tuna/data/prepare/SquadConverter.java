package dev.tuna.data.prepare;

import dev.tuna.data.squad.SquadArticle;
import dev.tuna.data.squad.SquadParagraph;
import dev.tuna.data.squad.SquadQuestion;
import dev.tuna.data.squad.SquadReader;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * KorQuAD 1.0 and SQuAD v1.1/v2.0 files to chat JSONL: every question becomes one example keyed by its id, with
 * its first answer (trimmed) as the assistant message. Unanswerable v2.0 questions are skipped, or answered with
 * the refusal text. The input is streamed one article at a time.
 */
public final class SquadConverter {
    private SquadConverter() {
    }

    /**
     * Converts {@code input} into {@code out} (and, with a split, {@code validationOut}, or by default
     * {@code OUT.val.jsonl}).
     *
     * @throws dev.tuna.data.TunaException when the input is not a SQuAD-layout file (exit code 1) or cannot be read
     *                                     or written (exit code 2)
     */
    public static PrepareSummary convert(Path input, Path out, Path validationOut, PrepareOptions options) {
        AtomicReference<String> version = new AtomicReference<>("");
        return Conversion.run(input, () -> candidates(input, options.splitBy(), version), version::get, out,
                validationOut, options);
    }

    private static Stream<Candidate> candidates(Path input, SplitUnit unit, AtomicReference<String> version) {
        SquadReader reader = SquadReader.open(input);
        int[] articleIndex = {0};
        return reader.articles()
                .flatMap(article -> {
                    int a = articleIndex[0]++;
                    return paragraphs(article, a, unit);
                })
                .onClose(() -> {
                    try {
                        version.set(reader.version());
                    } finally {
                        reader.close();
                    }
                });
    }

    private static Stream<Candidate> paragraphs(SquadArticle article, int a, SplitUnit unit) {
        return IntStream.range(0, article.paragraphs().size()).boxed().flatMap(p -> {
            SquadParagraph paragraph = article.paragraphs().get(p);
            // Paragraph groups are numbered within their article: article in the high bits, paragraph in the low.
            long group = unit == SplitUnit.PARAGRAPH ? ((long) a << 32) | p : a;
            return paragraph.questions().stream().map(q -> candidate(group, q, paragraph.context()));
        });
    }

    private static Candidate candidate(long group, SquadQuestion q, String context) {
        boolean unanswerable = q.impossible() || q.answers().isEmpty();
        String answer = unanswerable ? null : q.answers().getFirst().text().strip();
        return new Candidate(group, q.id(), q.question().strip(), context, answer);
    }
}
