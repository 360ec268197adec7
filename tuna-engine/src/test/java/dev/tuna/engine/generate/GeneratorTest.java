package dev.tuna.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    static final String ANSWER = "세종대왕은 1443년에 훈민정음을 만들었다.";
    final ByteTokenizer tokenizer = new ByteTokenizer();
    final int[] prompt = tokenizer.encode("Q: 한글은 누가 만들었나?\nA:");

    Generator generator(String script, int context) {
        return new Generator(new ScriptedModel(tokenizer.encode(script), context), tokenizer, ByteTokenizer.END);
    }

    GenerationParams params(Integer max, double temperature, double topP, Long seed, List<String> stop, int n) {
        return new GenerationParams(max, temperature, topP, seed, stop, n);
    }

    @Test
    void greedyDecodingFollowsTheModelToItsEndToken() {
        var result = generator(ANSWER, 512).generate(prompt, GenerationParams.greedy(200), TokenListener.NONE);
        assertThat(result.choices()).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo(ANSWER);
            assertThat(c.finishReason()).isEqualTo("stop");
            assertThat(c.tokens()).isEqualTo(tokenizer.encode(ANSWER).length + 1);
        });
        assertThat(result.promptTokens()).isEqualTo(prompt.length);
    }

    @Test
    void theSameSeedGivesTheSameTextAndAnotherSeedAnother() {
        var g = generator(ANSWER, 512);
        var p = params(60, 1.3, 0.95, 42L, List.of(), 1);
        String first = g.generate(prompt, p, TokenListener.NONE).choices().get(0).text();
        for (int i = 0; i < 5; i++) {
            assertThat(g.generate(prompt, p, TokenListener.NONE).choices().get(0).text()).isEqualTo(first);
        }
        var other = params(60, 1.3, 0.95, 43L, List.of(), 1);
        assertThat(g.generate(prompt, other, TokenListener.NONE).choices().get(0).text()).isNotEqualTo(first);
    }

    @Test
    void withoutASeedOneIsDrawnAndReportedSoTheAnswerCanBeReproduced() {
        var g = generator(ANSWER, 512);
        var unseeded = g.generate(prompt, params(40, 1.5, 1.0, null, List.of(), 1), TokenListener.NONE);
        var replay = g.generate(prompt, params(40, 1.5, 1.0, unseeded.seed(), List.of(), 1), TokenListener.NONE);
        assertThat(replay.choices()).isEqualTo(unseeded.choices());
    }

    @Test
    void streamedPiecesAreWholeCharactersAndReassembleExactly() {
        var pieces = new ArrayList<String>();
        var result = generator(ANSWER, 512).generate(prompt, params(100, 0.5, 1.0, 7L, List.of(), 1),
                (choice, text) -> pieces.add(text));
        assertThat(String.join("", pieces)).isEqualTo(result.choices().get(0).text());
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).doesNotContain("\uFFFD"));
        // byte tokens split every Hangul syllable, yet no piece is broken: fewer pieces than tokens
        assertThat(pieces.size()).isLessThan(result.choices().get(0).tokens());
    }

    @Test
    void stopSequencesEndTheTextBeforeThemAndAreNeverStreamed() {
        var pieces = new ArrayList<String>();
        var result = generator(ANSWER, 512).generate(prompt, params(200, 0, 1.0, 0L, List.of("훈민", "zz"), 1),
                (choice, text) -> pieces.add(text));
        var c = result.choices().get(0);
        assertThat(c.text()).isEqualTo("세종대왕은 1443년에 ");
        assertThat(c.finishReason()).isEqualTo("stop");
        assertThat(String.join("", pieces)).isEqualTo(c.text());
    }

    @Test
    void maxTokensCutsWithFinishReasonLength() {
        var c = generator(ANSWER, 512).generate(prompt, GenerationParams.greedy(5), TokenListener.NONE).choices().get(0);
        assertThat(c.finishReason()).isEqualTo("length");
        assertThat(c.tokens()).isEqualTo(5);
        assertThat(c.text()).isEqualTo("세"); // 5 bytes: one whole syllable, the next one incomplete
    }

    @Test
    void nChoicesAreIndependentAndChoiceZeroIsTheSameAsWithNOne() {
        var g = generator(ANSWER, 512);
        var three = g.generate(prompt, params(50, 1.5, 1.0, 11L, List.of(), 3), TokenListener.NONE);
        var one = g.generate(prompt, params(50, 1.5, 1.0, 11L, List.of(), 1), TokenListener.NONE);
        assertThat(three.choices()).hasSize(3).extracting(Completion::index).containsExactly(0, 1, 2);
        assertThat(three.choices().get(0).text()).isEqualTo(one.choices().get(0).text());
        assertThat(three.choices().stream().map(Completion::text).distinct().count()).isGreaterThan(1);
        assertThat(three.completionTokens()).isEqualTo(three.choices().stream().mapToInt(Completion::tokens).sum());
    }

    @Test
    void promptsThatDoNotFitTheContextAreRejectedNotTruncated() {
        assertThatThrownBy(() -> generator(ANSWER, prompt.length).generate(prompt, GenerationParams.greedy(5), TokenListener.NONE))
                .isInstanceOf(TunaException.class).hasMessageContaining("context");
        var c = generator(ANSWER, prompt.length + 3).generate(prompt, GenerationParams.greedy(50), TokenListener.NONE)
                .choices().get(0);
        assertThat(c.finishReason()).isEqualTo("length");
        assertThat(c.tokens()).isEqualTo(3);
    }

    @Test
    void aTinyTopPIsGreedy() {
        var g = generator(ANSWER, 512);
        String nucleus = g.generate(prompt, params(100, 1.0, 1e-6, 3L, List.of(), 1), TokenListener.NONE).choices().get(0).text();
        assertThat(nucleus).isEqualTo(ANSWER);
    }

    @Test
    void parametersOutsideOpenAisRangesAreRejected() {
        assertThatThrownBy(() -> params(1, 2.5, 1, 0L, List.of(), 1)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> params(1, 1, 0, 0L, List.of(), 1)).hasMessageContaining("top_p");
        assertThatThrownBy(() -> params(0, 1, 1, 0L, List.of(), 1)).hasMessageContaining("max_tokens");
        assertThatThrownBy(() -> params(1, 1, 1, 0L, List.of("a", "b", "c", "d", "e"), 1)).hasMessageContaining("stop");
    }
}
