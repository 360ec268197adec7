package dev.tuna.cli.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.Main;
import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.runtime.TinyCheckpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run tuna(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void tokensNeedOnlyConfigAndWeightsAndNllIIsTokenIPlusOneGivenThePrefix(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("bare");
        Llama.random(TinyCheckpoint.config(), 4).save(dir);
        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("config.json", "model.safetensors");

        Run r = tuna("score", "--model", dir.toString(), "--tokens", "1,57,300,2,9", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("nll")).hasSize(4);

        // the same numbers another way: the generation session's next-token distribution after each prefix
        int[] tokens = {1, 57, 300, 2, 9};
        LanguageModel lm = Llama.load(dir).languageModel();
        double sum = 0;
        try (LanguageModel.Session s = lm.newSession()) {
            for (int i = 0; i < 4; i++) {
                float[] logits = s.append(new int[] {tokens[i]});
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < TinyCheckpoint.VOCAB; v++) {
                    max = Math.max(max, logits[v]);
                }
                double z = 0;
                for (int v = 0; v < TinyCheckpoint.VOCAB; v++) {
                    z += Math.exp(logits[v] - max);
                }
                double nll = Math.log(z) + max - logits[tokens[i + 1]];
                assertThat(json.get("nll").get(i).asDouble()).isCloseTo(nll, within(1e-4));
                sum += json.get("nll").get(i).asDouble();
            }
        }
        assertThat(json.get("mean").asDouble()).isCloseTo(sum / 4, within(1e-6));

        Run text = tuna("score", "--model", dir.toString(), "--tokens", "1,57,300");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("position").contains("mean NLL").contains("perplexity");
    }

    @Test
    void chatDataIsScoredOnItsLearnedAssistantTokens(@TempDir Path tmp) throws Exception {
        Path dir = TinyCheckpoint.write(tmp.resolve("tiny"), 9);
        Path data = tmp.resolve("val.jsonl");
        Files.writeString(data, """
                {"messages":[{"role":"user","content":"Capital of Korea?"},{"role":"assistant","content":"Seoul"}]}
                {"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"skip","weight":0}]}
                """);
        Run r = tuna("score", "--model", dir.toString(), "--data", data.toString(), "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode first = json.get("examples").get(0);
        assertThat(first.get("learned").asDouble()).isEqualTo(json.get("nll").size());
        assertThat(first.get("learned").asDouble()).isGreaterThanOrEqualTo(2); // "Seoul" + <|im_end|>
        assertThat(json.get("examples").get(1).get("mean").isNull()).isTrue();
        assertThat(json.get("mean").asDouble()).isCloseTo(first.get("mean").asDouble(), within(1e-6));

        Run text = tuna("score", "--model", dir.toString(), "--data", data.toString());
        assertThat(text.out()).contains("line 2: ").contains("no learned assistant tokens").contains("mean NLL");
    }

    @Test
    void badArgumentsAreUsageErrorsWithoutStackTraces(@TempDir Path tmp) {
        Path dir = tmp.resolve("bare");
        Llama.random(TinyCheckpoint.config(), 4).save(dir);
        Run outside = tuna("score", "--model", dir.toString(), "--tokens", "1,5000");
        assertThat(outside.exit()).isEqualTo(2);
        assertThat(outside.err()).contains("outside the vocabulary").doesNotContain("Exception");
        assertThat(tuna("score", "--model", dir.toString()).exit()).isEqualTo(2);
        Run noTokenizer = tuna("score", "--model", dir.toString(), "--data", tmp.resolve("x.jsonl").toString());
        assertThat(noTokenizer.exit()).isEqualTo(2);
        assertThat(tuna("score", "--help").out()).contains("--tokens").contains("Examples");
    }
}
