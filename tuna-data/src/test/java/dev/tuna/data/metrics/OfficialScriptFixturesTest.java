package dev.tuna.data.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.data.squad.SquadExample;
import dev.tuna.data.squad.SquadReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The Java metrics against values the official scripts (KorQuAD's evaluate-v1.0.py, SQuAD's evaluate-v1.1.py) computed
 * and printed, run with Python 3.11 on the same inputs. The fixtures under {@code src/test/resources/metrics} hold the
 * inputs and the scripts' outputs; the scripts themselves are not part of the repository.
 */
class OfficialScriptFixturesTest {
    static final Path REPO = Path.of(System.getProperty("tuna.repo.root", "../"));
    static final Path KORQUAD_DEV = REPO.resolve("data/korquad/KorQuAD_v1.0_dev.json");
    static final Path KORQUAD_SAMPLE = REPO.resolve("data/korquad/dev-evaluate-in1");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void korquadTestVectorsAndEdgeCasesMatchTheOfficialFunctions() {
        List<JsonNode> cases = jsonl("korquad-cases.jsonl");
        assertThat(cases).filteredOn(c -> c.get("kind").asText().equals("vector")).hasSize(16);
        assertCases(AnswerMetric.KORQUAD_V1, cases, Map.of());
    }

    @Test
    void korquadPerturbationsOfDevAnswersMatchTheOfficialFunctions() {
        List<JsonNode> cases = jsonl("korquad-dev-perturbed.jsonl");
        assertThat(cases).hasSize(700);
        assertCases(AnswerMetric.KORQUAD_V1, cases, devGolds());
    }

    @Test
    void korquadDatasetScoresMatchTheOfficialScriptsPrintedOutput() throws IOException {
        List<GoldQuestion> golds = SquadReader.readExamples(KORQUAD_DEV).stream().map(GoldQuestion::of).toList();
        Map<String, String> sample = PredictionsFile.read(KORQUAD_SAMPLE);
        List<JsonNode> perturbed = jsonl("korquad-dev-perturbed.jsonl");
        JsonNode expected = resource("korquad-dev-official.json");
        assertThat(expected.size()).isEqualTo(17);
        SoftAssertions soft = new SoftAssertions();
        for (var entry : expected.properties()) {
            String name = entry.getKey();
            Map<String, String> predictions = new LinkedHashMap<>();
            if (!name.equals("perturbed-only")) {
                predictions.putAll(sample);
            }
            String kind = name.startsWith("sample-overlaid-with-") ? name.substring("sample-overlaid-with-".length())
                    : name.equals("dev-evaluate-in1") ? "none" : "perturbed";
            for (JsonNode c : perturbed) {
                if (kind.equals("perturbed") || c.get("kind").asText().equals(kind)) {
                    predictions.put(c.get("id").asText(), c.get("prediction").asText());
                }
            }
            Evaluation e = Evaluation.of(AnswerMetric.KORQUAD_V1, golds, predictions);
            soft.assertThat(e.toOfficialJson()).as(name).isEqualTo(entry.getValue().get("stdout").asText());
            soft.assertThat(e.unanswered()).as(name).hasSize(entry.getValue().get("unanswered").asInt());
        }
        soft.assertAll();
        assertThat(Evaluation.of(AnswerMetric.KORQUAD_V1, golds, sample).toOfficialJson())
                .isEqualTo("{\"exact_match\": 100.0, \"f1\": 100.0}");
    }

    @Test
    void squadCasesMatchTheOfficialV11Functions() {
        Map<String, List<String>> golds = new HashMap<>();
        SquadReader.readExamples(resourcePath("squad-mini.json"))
                .forEach(e -> golds.put(e.question().id(), e.question().answerTexts()));
        List<JsonNode> cases = jsonl("squad-cases.jsonl");
        assertThat(cases).hasSizeGreaterThan(400);
        assertCases(AnswerMetric.SQUAD_V1, cases, golds);
    }

    @Test
    void squadDatasetScoreMatchesTheOfficialV11Output() {
        Path dataset = resourcePath("squad-mini.json");
        String version;
        List<SquadExample> examples;
        try (SquadReader r = SquadReader.open(dataset)) {
            version = r.version();
            examples = r.examples().toList();
        }
        AnswerMetric metric = AnswerMetric.forVersion(version);
        assertThat(metric).isSameAs(AnswerMetric.SQUAD_V1);
        Evaluation e = Evaluation.of(metric, examples.stream().map(GoldQuestion::of).toList(),
                PredictionsFile.read(resourcePath("squad-mini-predictions.json")));
        JsonNode expected = resource("squad-mini-official.json").get("squad-mini");
        assertThat(e.toOfficialJson()).isEqualTo(expected.get("stdout").asText());
        assertThat(e.unanswered()).hasSize(expected.get("unanswered").asInt()).containsExactly("q07");
    }

    @Test
    void floatsPrintLikePythonRepr() {
        List<JsonNode> cases = jsonl("python-float-repr.jsonl");
        assertThat(cases).hasSizeGreaterThan(500);
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode c : cases) {
            double d = Double.parseDouble(c.get("hex").asText());
            soft.assertThat(PythonFloat.repr(d)).as(c.get("hex").asText()).isEqualTo(c.get("repr").asText());
        }
        soft.assertAll();
    }

    private static void assertCases(AnswerMetric metric, List<JsonNode> cases, Map<String, List<String>> goldsById) {
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode c : cases) {
            String prediction = c.get("prediction").asText();
            List<String> golds = new ArrayList<>();
            if (c.has("golds")) {
                c.get("golds").forEach(g -> golds.add(g.asText()));
            } else {
                golds.addAll(goldsById.get(c.get("id").asText()));
            }
            String label = c.get("kind").asText() + " " + JSON.valueToTree(prediction) + " vs " + golds;
            AnswerScore s = metric.score(prediction, golds);
            soft.assertThat(metric.normalize(prediction)).as(label).isEqualTo(c.get("normalized").asText());
            soft.assertThat(s.exactMatch()).as(label).isEqualTo(c.get("exact_match").asBoolean());
            // Exactly the same double, not merely close: the totals must agree to the last printed digit.
            soft.assertThat(s.f1()).as(label).isEqualTo(c.get("f1").asDouble());
        }
        soft.assertAll();
    }

    private static Map<String, List<String>> devGolds() {
        Map<String, List<String>> golds = new HashMap<>();
        SquadReader.readExamples(KORQUAD_DEV).forEach(e -> golds.put(e.question().id(), e.question().answerTexts()));
        return golds;
    }

    static List<JsonNode> jsonl(String name) {
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream in = OfficialScriptFixturesTest.class.getResourceAsStream("/metrics/" + name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    static JsonNode resource(String name) {
        try (InputStream in = OfficialScriptFixturesTest.class.getResourceAsStream("/metrics/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resourcePath(String name) {
        try {
            return Path.of(OfficialScriptFixturesTest.class.getResource("/metrics/" + name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
