package dev.tuna.data.squad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadReaderTest {
    static final Path KORQUAD_DEV = Path.of(System.getProperty("tuna.repo.root", "../"))
            .resolve("data/korquad/KorQuAD_v1.0_dev.json");

    @TempDir
    Path dir;

    @Test
    void readsTheKorQuadDevSetWithItsPublishedCounts() {
        int articles = 0;
        int paragraphs = 0;
        int questions = 0;
        int spanMismatches = 0;
        Set<String> ids = new HashSet<>();
        try (SquadReader reader = SquadReader.open(KORQUAD_DEV)) {
            assertThat(reader.version()).isEqualTo("KorQuAD_v1.0_dev");
            for (SquadArticle a; (a = reader.nextArticle()) != null; ) {
                articles++;
                assertThat(a.title()).isNotEmpty();
                for (SquadParagraph p : a.paragraphs()) {
                    paragraphs++;
                    for (SquadQuestion q : p.questions()) {
                        questions++;
                        ids.add(q.id());
                        assertThat(q.answers()).hasSize(1);
                        assertThat(q.impossible()).isFalse();
                        spanMismatches += p.spanMatches(q.answers().getFirst()) ? 0 : 1;
                    }
                }
            }
            assertThat(reader.nextArticle()).isNull();
        }
        assertThat(articles).isEqualTo(140);
        assertThat(paragraphs).isEqualTo(964);
        assertThat(questions).isEqualTo(5774);
        assertThat(ids).hasSize(5774);
        assertThat(spanMismatches).isZero();
    }

    @Test
    void examplesFlattenQuestionsWithTitleAndContext() {
        List<SquadExample> examples = SquadReader.readExamples(KORQUAD_DEV);
        assertThat(examples).hasSize(5774);
        SquadExample first = examples.getFirst();
        assertThat(first.question().id()).isEqualTo("6548850-0-0");
        assertThat(first.title()).isEqualTo("임종석");
        assertThat(first.question().answerTexts()).containsExactly("1989년 2월 15일");
        assertThat(first.context()).startsWith("1989년 2월 15일 여의도 농민 폭력 시위를 주도한 혐의");
    }

    @Test
    void squadV11WithVersionAfterDataIsKnownBeforeReading() throws IOException {
        Path f = write("v11.json", """
                {"data": [{"title": "T", "paragraphs": [{"context": "The cat sat.", "qas": [
                  {"id": "q1", "question": "Who sat?", "answers": [{"answer_start": 4, "text": "cat"},
                                                                 {"text": "The cat", "answer_start": 0}]}]}]}],
                 "version": "1.1"}
                """);
        try (SquadReader reader = SquadReader.open(f)) {
            assertThat(reader.version()).isEqualTo("1.1");
            List<SquadExample> all = reader.examples().toList();
            assertThat(all).singleElement().satisfies(e -> {
                assertThat(e.title()).isEqualTo("T");
                assertThat(e.question().answers()).containsExactly(new SquadAnswer("cat", 4),
                        new SquadAnswer("The cat", 0));
            });
            assertThat(reader.version()).isEqualTo("1.1");
        }
    }

    @Test
    void squadV20UnanswerableQuestionsKeepTheirPlausibleAnswers() throws IOException {
        Path f = write("v20.json", """
                {"version": "v2.0", "data": [{"title": "T", "paragraphs": [{"context": "Paris is in France.", "qas": [
                  {"question": "Where is Paris?", "id": "a", "answers": [{"text": "France", "answer_start": 12}],
                   "is_impossible": false},
                  {"plausible_answers": [{"text": "Paris", "answer_start": 0}], "question": "Where is Rome?",
                   "id": "b", "answers": [], "is_impossible": true},
                  {"question": "Who?", "id": "c", "is_impossible": true}]}]}]}
                """);
        List<SquadExample> all = SquadReader.readExamples(f);
        assertThat(all).extracting(e -> e.question().id()).containsExactly("a", "b", "c");
        SquadQuestion b = all.get(1).question();
        assertThat(b.impossible()).isTrue();
        assertThat(b.answers()).isEmpty();
        assertThat(b.plausibleAnswers()).containsExactly(new SquadAnswer("Paris", 0));
        assertThat(all.get(2).question().answers()).isEmpty();
        assertThat(all.getFirst().question().impossible()).isFalse();
    }

    @Test
    void spanOffsetsCountCodePointsLikePython() {
        var p = new SquadParagraph("😀 웃음 cat", List.of());
        assertThat(p.spanMatches(new SquadAnswer("cat", 5))).isTrue();
        assertThat(p.spanMatches(new SquadAnswer("웃음", 2))).isTrue();
        assertThat(p.spanMatches(new SquadAnswer("cat", 6))).isFalse();
        assertThat(p.spanMatches(new SquadAnswer("cat", -1))).isFalse();
        assertThat(p.spanMatches(new SquadAnswer("cat", 99))).isFalse();
    }

    @Test
    void streamsArticlesBeforeTheRestOfTheFileIsRead() throws IOException {
        byte[] dev = Files.readAllBytes(KORQUAD_DEV);
        Path cut = dir.resolve("cut.json");
        Files.write(cut, java.util.Arrays.copyOf(dev, dev.length / 2));
        try (SquadReader reader = SquadReader.open(cut)) {
            assertThat(reader.nextArticle().paragraphs()).isNotEmpty();
            assertThatThrownBy(() -> reader.articles().count())
                    .isInstanceOf(TunaException.class)
                    .hasMessageStartingWith(cut + ": the file is truncated")
                    .hasMessageContaining("get it again");
        }
    }

    @Test
    void refusesFilesThatAreNotSquad() throws IOException {
        assertError(write("empty.json", ""), "the file is empty");
        assertError(write("array.json", "[{\"data\": []}]"), "the top level is an array");
        assertError(write("chat.jsonl", """
                {"messages": [{"role": "user", "content": "hi"}]}
                {"messages": [{"role": "user", "content": "ho"}]}
                """), "no \"data\" array (its keys: messages). It looks like chat JSONL");
        assertError(write("korquad2.json", """
                {"version": "KorQuAD_2.0", "data": [{"title": "T", "url": "u", "context": "<html>", "raw_html": "",
                  "qas": [{"id": "1", "question": "q", "answer": {"text": "a", "answer_start": 0}}]}]}
                """), "KorQuAD 2.0 layout");
        assertError(write("notjson.json", "{\"data\": [nope]}"), "not valid JSON at line 1, column");
        assertError(write("data-object.json", "{\"data\": {}}"), "\"data\" must be an array of articles");
        assertError(write("two.json", "{\"data\": []}\n{\"data\": []}"), "more JSON after the end");
    }

    @Test
    void errorsNameTheLineAndThePathOfTheBadValue() throws IOException {
        Path f = write("noid.json", """
                {"data": [{"title": "T", "paragraphs": [
                  {"context": "c", "qas": [{"id": "ok", "question": "q", "answers": []}]},
                  {"context": "c", "qas": [
                    {"question": "Where?", "answers": []}
                  ]}]}]}
                """);
        assertThatThrownBy(() -> SquadReader.readExamples(f))
                .isInstanceOf(TunaException.class)
                .hasMessage(f + ": line 4, column 41 (at /data/0/paragraphs/1/qas/0): a question has no \"id\""
                        + " (question \"Where?\")")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(TunaException.INVALID_INPUT);

        assertError(write("start.json", """
                {"data": [{"paragraphs": [{"context": "c", "qas": [
                  {"id": "x", "question": "q", "answers": [{"text": "a", "answer_start": "0"}]}]}]}]}
                """), "line 2, column 74 (at /data/0/paragraphs/0/qas/0/answers/0/answer_start):"
                + " \"answer_start\" must be an integer, found a string");
        assertError(write("noanswers.json", """
                {"data": [{"paragraphs": [{"context": "c", "qas": [{"id": "x", "question": "q"}]}]}]}
                """), "question x has no \"answers\" array");
        assertError(write("nocontext.json", """
                {"data": [{"paragraphs": [{"qas": []}]}]}
                """), "a paragraph has no \"context\" string");
        assertError(write("noparagraphs.json", """
                {"data": [{"title": "Seoul"}]}
                """), "article \"Seoul\" has no \"paragraphs\" array");
    }

    @Test
    void missingFilesAndDirectoriesAreIoErrors() {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> SquadReader.open(missing)).isInstanceOf(TunaException.class)
                .hasMessage(missing + ": no such file")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(TunaException.USAGE_OR_IO);
        assertThatThrownBy(() -> SquadReader.open(dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("is a directory");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void assertError(Path f, String expected) {
        assertThatThrownBy(() -> {
            try (SquadReader r = SquadReader.open(f)) {
                r.articles().count();
            }
        }).isInstanceOf(TunaException.class).hasMessageStartingWith(f + ": ").hasMessageContaining(expected);
    }
}
