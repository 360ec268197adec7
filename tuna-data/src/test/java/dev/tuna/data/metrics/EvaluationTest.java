package dev.tuna.data.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
    @TempDir
    Path dir;

    @Test
    void spacingFailsExactMatchButNotCharacterF1() {
        AnswerScore s = AnswerMetric.KORQUAD_V1.score("3억 5천만 유로", List.of("3억5천만유로"));
        assertThat(s.exactMatch()).isFalse();
        assertThat(s.f1()).isEqualTo(1.0);
        assertThat(AnswerMetric.SQUAD_V1.score("The Beatles!", List.of("beatles")).exactMatch()).isTrue();
        assertThat(AnswerMetric.KORQUAD_V1.score("The Beatles!", List.of("beatles")).exactMatch()).isFalse();
    }

    @Test
    void missingPredictionsScoreZeroOverTheWholeDatasetAndExtraIdsAreIgnored() {
        var golds = List.of(new GoldQuestion("a", List.of("서울")), new GoldQuestion("b", List.of("부산")),
                new GoldQuestion("c", List.of("대구")), new GoldQuestion("d", List.of("광주")));
        Map<String, String> predictions = Map.of("a", "서울", "b", "부산광역시", "zzz", "대구");
        Evaluation e = Evaluation.of(AnswerMetric.KORQUAD_V1, golds, predictions);
        assertThat(e.total()).isEqualTo(4);
        assertThat(e.unanswered()).containsExactly("c", "d");
        assertThat(e.exactMatch()).isEqualTo(25.0);
        assertThat(e.questions().get(1).score().f1()).isEqualTo(2 * 0.4 * 1.0 / 1.4);
        assertThat(e.questions().get(2).answered()).isFalse();
        assertThat(e.questions().get(1).prediction()).isEqualTo("부산광역시");
        assertThat(e.toOfficialJson()).isEqualTo("{\"exact_match\": 25.0, \"f1\": 39.28571428571429}"); // as evaluate-v1.0.py prints it
    }

    @Test
    void datasetVersionChoosesTheMetric() {
        assertThat(AnswerMetric.forVersion("KorQuAD_v1.0_dev")).isSameAs(AnswerMetric.KORQUAD_V1);
        assertThat(AnswerMetric.forVersion("1.1")).isSameAs(AnswerMetric.SQUAD_V1);
        assertThat(AnswerMetric.forVersion("")).isSameAs(AnswerMetric.SQUAD_V1);
        assertThat(AnswerMetric.named("korquad-v1")).isSameAs(AnswerMetric.KORQUAD_V1);
        assertThatThrownBy(() -> new GoldQuestion("x", List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void predictionsFileRoundTripsAndKeepsTheLastOfARepeatedId() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("6548850-0-0", "1989년 2월 15일");
        p.put("q\"2", "say \"hi\"\n😀");
        Path f = dir.resolve("sub/pred.json");
        PredictionsFile.write(f, p);
        assertThat(PredictionsFile.read(f)).containsExactlyEntriesOf(p);
        assertThat(Files.list(f.getParent())).containsExactly(f);

        Path dup = Files.writeString(dir.resolve("dup.json"), "{\"a\": \"1\", \"b\": \"2\", \"a\": \"3\"}");
        assertThat(PredictionsFile.read(dup)).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"));
    }

    @Test
    void badPredictionsFilesNameTheFileAndTheProblem() throws IOException {
        Path array = Files.writeString(dir.resolve("a.json"), "[\"x\"]");
        assertThatThrownBy(() -> PredictionsFile.read(array)).isInstanceOf(TunaException.class)
                .hasMessage(array + ": line 1: not a predictions file: expected one JSON object {\"question id\":"
                        + " \"answer\", ...}, found '['");
        Path number = Files.writeString(dir.resolve("n.json"), "{\"a\": \"x\",\n \"b\": 3}");
        assertThatThrownBy(() -> PredictionsFile.read(number)).isInstanceOf(TunaException.class)
                .hasMessage(number + ": line 2: the prediction for \"b\" must be a string (the answer text)");
        Path cut = Files.writeString(dir.resolve("c.json"), "{\"a\": \"x\", \"b\": ");
        assertThatThrownBy(() -> PredictionsFile.read(cut)).isInstanceOf(TunaException.class)
                .hasMessageStartingWith(cut + ": the file is truncated");
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> PredictionsFile.read(missing)).isInstanceOf(TunaException.class)
                .hasMessage(missing + ": no such file");
    }
}
