package dev.tuna.data.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.jsonl.Jsonl;
import dev.tuna.data.squad.SquadReader;
import dev.tuna.data.validate.ValidationReport;
import dev.tuna.data.validate.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SquadConverterTest {
    static final Path KORQUAD_DEV = Path.of(System.getProperty("tuna.repo.root", "../"))
            .resolve("data/korquad/KorQuAD_v1.0_dev.json");

    @TempDir
    Path dir;

    static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(l -> {
            try {
                return Jsonl.MAPPER.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void korquadDevKeepsAll5774QuestionsAndNamesThe10DuplicateQuestionStrings() throws IOException {
        Path out = dir.resolve("dev.jsonl");
        PrepareSummary summary = SquadConverter.convert(KORQUAD_DEV, out, null, PrepareOptions.defaults());
        assertThat(summary.read()).isEqualTo(5_774);
        assertThat(summary.written()).isEqualTo(5_774);
        assertThat(summary.trainExamples()).isEqualTo(5_774);
        assertThat(summary.skipped()).isEmpty();
        assertThat(summary.format()).isEqualTo("KorQuAD_v1.0_dev");
        assertThat(summary.groups()).isEqualTo(140);
        assertThat(summary.duplicates()).hasSize(10);
        assertThat(summary.repeats()).isEqualTo(10);
        assertThat(summary.duplicates()).anySatisfy(d -> {
            assertThat(d.text()).isEqualTo("방탄소년단의 팬클럽 이름은?");
            assertThat(d.ids()).containsExactlyInAnyOrder("6581515-0-1", "6507936-0-0");
        });
        assertThat(summary.duplicates()).allSatisfy(d -> assertThat(d.ids()).hasSize(2));
        List<String> text = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(text).hasSize(5_774);
        // Korean is written as text, and the line is exactly OpenAI's shape.
        assertThat(String.join("\n", text)).doesNotContain("\\u");
        JsonNode first = Jsonl.MAPPER.readTree(text.getFirst());
        assertThat(first.size()).isEqualTo(1);
        assertThat(first.has("messages")).isTrue();
        assertThat(first.get("messages")).hasSize(2);
        assertThat(first.at("/messages/0/role").textValue()).isEqualTo("user");
        assertThat(first.at("/messages/1/role").textValue()).isEqualTo("assistant");

        ValidationReport report = Validator.validate(out, "gpt-4o-mini");
        assertThat(report.valid()).as(report.errors().toString()).isTrue();
        assertThat(report.examples()).isEqualTo(5_774);
    }

    @Test
    void answersAreTheFirstGoldTrimmedAndQuestionsAreTrimmed() throws IOException {
        Path out = dir.resolve("dev.jsonl");
        SquadConverter.convert(KORQUAD_DEV, out, null, PrepareOptions.defaults());
        var examples = lines(out);
        var questions = SquadReader.readExamples(KORQUAD_DEV);
        for (int i = 0; i < questions.size(); i++) {
            var q = questions.get(i).question();
            assertThat(examples.get(i).at("/messages/0/content").textValue()).isEqualTo(q.question().strip());
            assertThat(examples.get(i).at("/messages/1/content").textValue()).isEqualTo(q.answers().getFirst().text().strip());
        }
        assertThat(examples).allSatisfy(e -> {
            String question = e.at("/messages/0/content").textValue();
            assertThat(question).isEqualTo(question.strip());
        });
    }

    @Test
    void dedupeDropsTheTenRepeatsSayingWhich() {
        Path out = dir.resolve("dedupe.jsonl");
        PrepareSummary summary = SquadConverter.convert(KORQUAD_DEV, out, null,
                PrepareOptions.defaults().withDedupe(true));
        assertThat(summary.written()).isEqualTo(5_764);
        assertThat(summary.deduped()).isTrue();
        assertThat(summary.skipped()).containsExactly(java.util.Map.entry(ExampleSelector.SKIP_DUPLICATE, 10L));
        assertThat(summary.duplicates()).hasSize(10);
    }

    @Test
    void contextTemplateGivesParagraphThenQuestionAndTheSystemMessageComesFirst() throws IOException {
        Path out = dir.resolve("ctx.jsonl");
        SquadConverter.convert(KORQUAD_DEV, out, null, PrepareOptions.defaults().withTemplate(Template.CONTEXT)
                .withSystem("너는 위키백과 문단을 읽고 답하는 도우미다.").withLimit(50));
        var examples = lines(out);
        assertThat(examples).hasSize(50);
        var first = SquadReader.readExamples(KORQUAD_DEV).getFirst();
        JsonNode messages = examples.getFirst().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).get("content").textValue()).isEqualTo("너는 위키백과 문단을 읽고 답하는 도우미다.");
        assertThat(messages.get(1).get("content").textValue())
                .isEqualTo(first.context().strip() + "\n\n" + first.question().question().strip());
        // Every answer is a span of the paragraph it was asked about.
        assertThat(examples).allSatisfy(e -> assertThat(e.at("/messages/1/content").textValue())
                .contains(e.at("/messages/2/content").textValue()));
    }

    @Test
    void anEmptySystemMessageIsWrittenAsTheTutorialDoesAndValidateWarnsAboutIt() {
        Path out = dir.resolve("sys.jsonl");
        SquadConverter.convert(KORQUAD_DEV, out, null, PrepareOptions.defaults().withSystem("").withLimit(20));
        var report = Validator.validate(out, null);
        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w.category().wireName())
                .isEqualTo("empty_system_message"));
    }

    @Test
    void limitStopsAfterNExamples() throws IOException {
        Path out = dir.resolve("ten.jsonl");
        PrepareSummary summary = SquadConverter.convert(KORQUAD_DEV, out, null,
                PrepareOptions.defaults().withLimit(10));
        assertThat(summary.written()).isEqualTo(10);
        assertThat(summary.read()).isEqualTo(10);
        assertThat(Files.readAllLines(out)).hasSize(10);
    }

    @Test
    void splitByArticleIsReproducibleDisjointAndNearTheFraction() throws IOException {
        Path train = dir.resolve("train.jsonl");
        PrepareSummary a = SquadConverter.convert(KORQUAD_DEV, train, null,
                PrepareOptions.defaults().withSplit(0.1, 42, SplitUnit.ARTICLE));
        Path val = dir.resolve("train.val.jsonl");
        assertThat(a.validation()).isEqualTo(val.toString());
        assertThat(a.trainExamples() + a.validationExamples()).isEqualTo(5_774);
        assertThat(a.validationExamples()).isBetween(577L - 44, 577L + 44);
        assertThat(Files.readAllLines(train)).hasSize((int) a.trainExamples());
        assertThat(Files.readAllLines(val)).hasSize((int) a.validationExamples());
        assertThat(a.groups()).isEqualTo(140);

        // No paragraph (context) is on both sides: check with the context template.
        Path ctrain = dir.resolve("c.jsonl");
        SquadConverter.convert(KORQUAD_DEV, ctrain, null, PrepareOptions.defaults().withTemplate(Template.CONTEXT)
                .withSplit(0.1, 42, SplitUnit.ARTICLE));
        Set<String> trainContexts = contexts(ctrain);
        Set<String> valContexts = contexts(dir.resolve("c.val.jsonl"));
        assertThat(valContexts).isNotEmpty().doesNotContainAnyElementsOf(trainContexts);

        // Same seed, same split; another seed, another one.
        Path again = dir.resolve("again.jsonl");
        SquadConverter.convert(KORQUAD_DEV, again, null, PrepareOptions.defaults().withSplit(0.1, 42, SplitUnit.ARTICLE));
        assertThat(Files.readAllLines(dir.resolve("again.val.jsonl"))).isEqualTo(Files.readAllLines(val));
        Path other = dir.resolve("other.jsonl");
        SquadConverter.convert(KORQUAD_DEV, other, null, PrepareOptions.defaults().withSplit(0.1, 7, SplitUnit.ARTICLE));
        assertThat(Files.readAllLines(dir.resolve("other.val.jsonl"))).isNotEqualTo(Files.readAllLines(val));
    }

    private static Set<String> contexts(Path file) throws IOException {
        Set<String> out = new HashSet<>();
        for (JsonNode e : lines(file)) {
            String user = e.at("/messages/0/content").textValue();
            out.add(user.substring(0, user.lastIndexOf("\n\n")));
        }
        return out;
    }

    @Test
    void splitByParagraphIsFinerAndStillNearTheFraction() {
        Path train = dir.resolve("p.jsonl");
        Path val = dir.resolve("p-validation.jsonl");
        PrepareSummary s = SquadConverter.convert(KORQUAD_DEV, train, val,
                PrepareOptions.defaults().withSplit(0.2, 1, SplitUnit.PARAGRAPH));
        assertThat(s.groups()).isEqualTo(963); // 964 paragraphs, one of them without questions
        assertThat(s.validation()).isEqualTo(val.toString());
        assertThat(s.validationExamples()).isBetween(1_155L - 7, 1_155L + 7);
    }

    static final String SQUAD_V2 = """
            {"version": "v2.0", "data": [
              {"title": "A", "paragraphs": [
                {"context": "Paris is the capital of France.", "qas": [
                  {"id": "q1", "question": " What is the capital of France? ", "is_impossible": false,
                   "answers": [{"text": "Paris", "answer_start": 0}, {"text": "Paris ", "answer_start": 0}]},
                  {"id": "q2", "question": "What is the capital of Mars?", "is_impossible": true, "answers": [],
                   "plausible_answers": [{"text": "Paris", "answer_start": 0}]}]}]},
              {"title": "B", "paragraphs": [
                {"context": "Seoul is in Korea.", "qas": [
                  {"id": "q3", "question": "Where is Seoul?", "answers": [{"text": "Korea", "answer_start": 12}]},
                  {"id": "q4", "question": "   ", "answers": [{"text": "x", "answer_start": 0}]}]}]}]}
            """;

    @Test
    void squadV2UnanswerableQuestionsAreSkippedAndCountedOrAnsweredWithTheRefusal() throws IOException {
        Path in = Files.writeString(dir.resolve("v2.json"), SQUAD_V2);
        Path out = dir.resolve("v2.jsonl");
        PrepareSummary skipped = SquadConverter.convert(in, out, null, PrepareOptions.defaults());
        assertThat(skipped.format()).isEqualTo("v2.0");
        assertThat(skipped.read()).isEqualTo(4);
        assertThat(skipped.written()).isEqualTo(2);
        assertThat(skipped.skipped()).containsEntry(ExampleSelector.SKIP_UNANSWERABLE, 1L)
                .containsEntry(ExampleSelector.SKIP_EMPTY_QUESTION, 1L);
        assertThat(lines(out).getFirst().at("/messages/0/content").textValue())
                .isEqualTo("What is the capital of France?");

        PrepareSummary refused = SquadConverter.convert(in, out, null,
                PrepareOptions.defaults().withRefusal("I don't know."));
        assertThat(refused.written()).isEqualTo(3);
        assertThat(lines(out).get(1).at("/messages/1/content").textValue()).isEqualTo("I don't know.");
    }

    @Test
    void aFileThatIsNotSquadIsAnInputErrorAndWritesNothing() throws IOException {
        Path in = Files.writeString(dir.resolve("chat.json"), "{\"messages\":[]}\n");
        Path out = dir.resolve("never.jsonl");
        assertThatThrownBy(() -> SquadConverter.convert(in, out, null, PrepareOptions.defaults()))
                .isInstanceOf(TunaException.class).hasMessageContaining("not a SQuAD/KorQuAD file");
        assertThat(out).doesNotExist();
    }

    @Test
    void aSplitNeedsTwoGroups() throws IOException {
        String one = SQUAD_V2.substring(0, SQUAD_V2.indexOf(",\n  {\"title\": \"B\"")) + "]}";
        Path in = Files.writeString(dir.resolve("one.json"), one);
        assertThatThrownBy(() -> SquadConverter.convert(in, dir.resolve("o.jsonl"), null,
                PrepareOptions.defaults().withSplit(0.5, 1, SplitUnit.ARTICLE)))
                .isInstanceOf(TunaException.class).hasMessageContaining("1 article with examples")
                .hasMessageContaining("--split-by paragraph");
    }
}
