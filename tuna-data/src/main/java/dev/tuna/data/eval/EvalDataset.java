package dev.tuna.data.eval;

import dev.tuna.data.TunaException;
import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.chat.ChatMessage;
import dev.tuna.data.chat.Role;
import dev.tuna.data.jsonl.Jsonl;
import dev.tuna.data.jsonl.JsonlLine;
import dev.tuna.data.jsonl.JsonlReader;
import dev.tuna.data.metrics.AnswerMetric;
import dev.tuna.data.metrics.GoldQuestion;
import dev.tuna.data.prepare.Template;
import dev.tuna.data.squad.SquadExample;
import dev.tuna.data.squad.SquadReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The questions of an evaluation: a SQuAD/KorQuAD file (each question through a {@link Template}, as {@code tuna prepare} writes it) or a chat JSONL
 * file (each line's last assistant message is the gold answer, the messages before it are the prompt).
 *
 * @param file where the questions came from
 * @param format {@code korquad}, {@code squad} or {@code chat-jsonl}
 * @param metric the metric the data calls for: KorQuAD's for KorQuAD files and for chat JSONL whose answers are
 *     Korean, SQuAD v1.1's otherwise
 * @param questions in file order
 * @param skippedUnanswerable SQuAD v2.0 questions without answers, which EM/F1 v1.1 cannot score
 */
public record EvalDataset(Path file, String format, AnswerMetric metric, List<EvalQuestion> questions,
                          int skippedUnanswerable) {
    public EvalDataset {
        questions = List.copyOf(questions);
    }

    /** Loads {@code file}: {@code .jsonl} files as chat JSONL, anything else as SQuAD/KorQuAD JSON. */
    public static EvalDataset load(Path file, Template template) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") ? loadChatJsonl(file) : loadSquad(file, template);
    }

    /** The first {@code n} questions (all of them when n is null or at least the size). */
    public EvalDataset limit(Integer n) {
        if (n == null || n >= questions.size()) {
            return this;
        }
        return new EvalDataset(file, format, metric, questions.subList(0, n), skippedUnanswerable);
    }

    public EvalDataset withMetric(AnswerMetric m) {
        return new EvalDataset(file, format, m, questions, skippedUnanswerable);
    }

    /** The golds the metric scores against, in question order. */
    public List<GoldQuestion> golds() {
        return questions.stream().map(q -> new GoldQuestion(q.id(), q.golds())).toList();
    }

    static EvalDataset loadSquad(Path file, Template template) {
        List<EvalQuestion> questions = new ArrayList<>();
        int skipped = 0;
        String version;
        try (SquadReader reader = SquadReader.open(file)) {
            for (SquadExample e : (Iterable<SquadExample>) reader.examples()::iterator) {
                var q = e.question();
                if (q.answers().isEmpty()) {
                    skipped++;
                    continue;
                }
                String user = template.userMessage(q.question().strip(), e.context());
                questions.add(new EvalQuestion(q.id(), q.question().strip(), null, List.of(EvalMessage.user(user)),
                        q.answerTexts(), e.context()));
            }
            version = reader.version();
        }
        if (questions.isEmpty()) {
            throw new TunaException(file + ": no answerable questions to evaluate"
                    + (skipped > 0 ? " (all " + skipped + " are unanswerable SQuAD v2.0 questions)" : ""),
                    TunaException.INVALID_INPUT, null);
        }
        AnswerMetric metric = AnswerMetric.forVersion(version);
        return new EvalDataset(file, metric == AnswerMetric.KORQUAD_V1 ? "korquad" : "squad", metric, questions,
                skipped);
    }

    static EvalDataset loadChatJsonl(Path file) {
        List<EvalQuestion> questions = new ArrayList<>();
        boolean korean = false;
        try (JsonlReader reader = JsonlReader.open(file)) {
            for (JsonlLine line; (line = reader.next()) != null; ) {
                if (line.problem() != null) {
                    throw bad(file, line.number(), "not UTF-8 text (" + line.problem().kind() + " at byte "
                            + line.problem().column() + "); run tuna validate on it");
                }
                if (line.isBlank()) {
                    continue;
                }
                EvalQuestion q = chatLine(file, line);
                korean |= q.golds().getFirst().codePoints().anyMatch(cp ->
                        Character.UnicodeScript.of(cp) == Character.UnicodeScript.HANGUL);
                questions.add(q);
            }
        }
        if (questions.isEmpty()) {
            throw new TunaException(file + ": no examples to evaluate (the file is empty)",
                    TunaException.INVALID_INPUT, null);
        }
        return new EvalDataset(file, "chat-jsonl", korean ? AnswerMetric.KORQUAD_V1 : AnswerMetric.SQUAD_V1,
                questions, 0);
    }

    private static EvalQuestion chatLine(Path file, JsonlLine line) {
        ChatExample example;
        try {
            example = Jsonl.MAPPER.readValue(line.text(), ChatExample.class);
        } catch (IOException | IllegalArgumentException e) {
            throw bad(file, line.number(), "not a chat example {\"messages\": [...]} ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); run tuna validate on it");
        }
        List<ChatMessage> all = example.messages();
        ChatMessage last = all.getLast();
        if (last.role() != Role.ASSISTANT || last.content() == null || all.size() < 2
                || all.get(all.size() - 2).role() != Role.USER || all.get(all.size() - 2).content() == null) {
            throw bad(file, line.number(), "the last two messages must be the user's question and the assistant's"
                    + " answer (the gold)");
        }
        String system = null;
        int start = 0;
        if (all.getFirst().role() == Role.SYSTEM) {
            system = all.getFirst().content();
            start = 1;
        }
        List<EvalMessage> turns = new ArrayList<>();
        for (ChatMessage m : all.subList(start, all.size() - 1)) {
            if (m.content() == null) {
                throw bad(file, line.number(), "tool and function calls cannot be evaluated; give text messages");
            }
            turns.add(new EvalMessage(m.role().wireName(), m.content()));
        }
        String question = turns.getLast().content().strip();
        return new EvalQuestion("line-" + line.number(), question, system, turns, List.of(last.content()), null);
    }

    private static TunaException bad(Path file, long line, String what) {
        return new TunaException(file + ": line " + line + ": " + what, TunaException.INVALID_INPUT, null);
    }
}
