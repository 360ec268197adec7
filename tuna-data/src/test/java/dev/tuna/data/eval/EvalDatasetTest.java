package dev.tuna.data.eval;

import dev.tuna.data.prepare.Template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.data.metrics.AnswerMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalDatasetTest {
    static final Path KORQUAD_DEV = Path.of(System.getProperty("tuna.repo.root", "../"))
            .resolve("data/korquad/KorQuAD_v1.0_dev.json");

    @TempDir
    Path dir;

    @Test
    void korquadQuestionsThroughEitherTemplate() {
        EvalDataset closed = EvalDataset.load(KORQUAD_DEV, Template.CLOSED).limit(3);
        assertThat(closed.format()).isEqualTo("korquad");
        assertThat(closed.metric()).isSameAs(AnswerMetric.KORQUAD_V1);
        assertThat(closed.questions()).hasSize(3);
        EvalQuestion q = closed.questions().getFirst();
        assertThat(q.id()).isEqualTo("6548850-0-0");
        assertThat(q.turns()).containsExactly(EvalMessage.user("임종석이 여의도 농민 폭력 시위를 주도한 혐의로 지명수배 된 날은?"));
        assertThat(q.golds()).containsExactly("1989년 2월 15일");

        EvalQuestion c = EvalDataset.load(KORQUAD_DEV, Template.CONTEXT).questions().getFirst();
        // The same user message as tuna prepare --template context writes, so fine-tuned models see their format.
        assertThat(c.turns().getFirst().content()).startsWith("1989년 2월 15일 여의도")
                .endsWith("\n\n임종석이 여의도 농민 폭력 시위를 주도한 혐의로 지명수배 된 날은?");
        assertThat(EvalDataset.load(KORQUAD_DEV, Template.CLOSED).questions()).hasSize(5774);
    }

    @Test
    void unanswerableSquadV2QuestionsAreSkippedAndCounted() throws IOException {
        Path f = Files.writeString(dir.resolve("v2.json"), """
                {"version": "v2.0", "data": [{"title": "T", "paragraphs": [{"context": "Paris is in France.", "qas": [
                  {"question": "Where is Paris?", "id": "a", "answers": [{"text": "France", "answer_start": 12}]},
                  {"question": "Where is Rome?", "id": "b", "answers": [], "is_impossible": true}]}]}]}
                """);
        EvalDataset d = EvalDataset.load(f, Template.CLOSED);
        assertThat(d.metric()).isSameAs(AnswerMetric.SQUAD_V1);
        assertThat(d.questions()).extracting(EvalQuestion::id).containsExactly("a");
        assertThat(d.skippedUnanswerable()).isEqualTo(1);
    }

    @Test
    void chatJsonlUsesTheLastAssistantMessageAsGold() throws IOException {
        Path f = Files.writeString(dir.resolve("train.jsonl"), """
                {"messages": [{"role": "system", "content": "Marv is sarcastic."}, {"role": "user", "content": "수도는?"}, {"role": "assistant", "content": "서울"}]}

                {"messages": [{"role": "user", "content": " Hi "}, {"role": "assistant", "content": "Hello"}]}
                """);
        EvalDataset d = EvalDataset.load(f, Template.CLOSED);
        assertThat(d.format()).isEqualTo("chat-jsonl");
        assertThat(d.metric()).isSameAs(AnswerMetric.KORQUAD_V1); // Korean golds
        assertThat(d.questions()).extracting(EvalQuestion::id).containsExactly("line-1", "line-3");
        EvalQuestion first = d.questions().getFirst();
        assertThat(first.fileSystemPrompt()).isEqualTo("Marv is sarcastic.");
        assertThat(first.turns()).containsExactly(EvalMessage.user("수도는?"));
        assertThat(first.golds()).containsExactly("서울");
        assertThat(EvalRunner.messages(new Variant("m", null), first)).hasSize(2);
        assertThat(EvalRunner.messages(new Variant("m", "Be helpful."), first).getFirst())
                .isEqualTo(EvalMessage.system("Be helpful."));
        assertThat(d.questions().get(1).question()).isEqualTo("Hi");
    }

    @Test
    void chatJsonlErrorsNameTheLine() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), """
                {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}
                {"messages": [{"role": "user", "content": "q"}]}
                """);
        assertThatThrownBy(() -> EvalDataset.load(f, Template.CLOSED)).isInstanceOf(TunaException.class)
                .hasMessage(f + ": line 2: the last two messages must be the user's question and the assistant's"
                        + " answer (the gold)");
    }

    @Test
    void spanExtractionKeepsSpansAndOtherwiseFindsTheLongestPieceInTheContext() {
        String ctx = "임종석은 1989년 2월 15일 여의도에서 체포되었다.";
        assertThat(SpanExtractor.extract(" 1989년 2월 15일 ", ctx)).isEqualTo("1989년 2월 15일");
        assertThat(SpanExtractor.extract("날짜는 1989년 2월 15일입니다.", ctx)).isEqualTo("1989년 2월 15일");
        assertThat(SpanExtractor.extract("zzz", ctx)).isEmpty();
        assertThat(SpanExtractor.extract("x😀y", "😀")).isEqualTo("😀");
        var s = new RunSettings(Template.CONTEXT, null, null, null, null, 1, true, 1);
        assertThat(s.postProcess("답: 여의도", ctx)).isEqualTo("여의도");
        assertThat(s.postProcess("답: 여의도", null)).isEqualTo("답: 여의도");
    }
}
