package dev.tuna.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    static final Path REPO = Path.of(System.getProperty("tuna.repo.root", "../"));
    static final Path DEV = REPO.resolve("data/korquad/KorQuAD_v1.0_dev.json");
    static final Path SAMPLE = REPO.resolve("data/korquad/dev-evaluate-in1");

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run tuna(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void officialSamplePredictionsScoreAHundredExactlyAsTheScriptPrintsIt() {
        Run r = tuna("eval", "score", "--dataset", DEV.toString(), "--predictions", SAMPLE.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("{\"exact_match\": 100.0, \"f1\": 100.0}" + System.lineSeparator());
        assertThat(r.err()).isEmpty();
    }

    @Test
    void unansweredQuestionsAreWarnedAboutAndScoreZero() throws Exception {
        Path pred = Files.writeString(dir.resolve("p.json"), "{\"6548850-0-0\": \"1989년 2월 15일\", \"6548850-0-1\": \"임수경 씨\", \"nope\": \"x\"}");
        Run r = tuna("eval", "score", "--dataset", DEV.toString(), "--predictions", pred.toString());
        assertThat(r.code()).isZero();
        // Computed by evaluate-v1.0.py on the same files: one exact match, F1 1 + 0.857142... over 5,774.
        assertThat(r.out()).isEqualTo("{\"exact_match\": 0.017319016279875303, \"f1\": 0.032163887376911275}"
                + System.lineSeparator());
        assertThat(r.err()).contains("Unanswered question 6548853-0-0 will receive score 0.")
                .contains("... and 5762 more unanswered questions (--json lists them all).")
                .contains("tuna: warning: 5772 of 5774 questions have no prediction in " + pred + " and score 0.");

        Run j = tuna("eval", "score", "--dataset", DEV.toString(), "--predictions", pred.toString(), "--json");
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.get("exact_match").asText()).isEqualTo("0.017319016279875303");
        assertThat(n.get("metric").asText()).isEqualTo("korquad-v1");
        assertThat(n.get("total").asInt()).isEqualTo(5774);
        assertThat(n.get("answered").asInt()).isEqualTo(2);
        assertThat(n.get("unanswered")).hasSize(5772);
    }

    @Test
    void badInputIsOneLineWithoutAStackTrace() throws Exception {
        Path notSquad = Files.writeString(dir.resolve("chat.json"), "{\"messages\": []}");
        Run r = tuna("eval", "score", "--dataset", notSquad.toString(), "--predictions", SAMPLE.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("tuna: " + notSquad + ": not a SQuAD/KorQuAD file").doesNotContain("Exception");

        Run m = tuna("eval", "score", "--dataset", DEV.toString(), "--predictions", SAMPLE.toString(), "--metric", "bleu");
        assertThat(m.code()).isEqualTo(2);
        assertThat(m.err()).isEqualTo("tuna: --metric must be korquad-v1 or squad-v1, not 'bleu'" + System.lineSeparator());

        Run missing = tuna("eval", "score", "--dataset", DEV.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--predictions=FILE'");
    }

    @Test
    void helpShowsExamples() {
        Run r = tuna("eval", "score", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("evaluate-v1.0.py", "Examples:", "--predictions");
    }
}
