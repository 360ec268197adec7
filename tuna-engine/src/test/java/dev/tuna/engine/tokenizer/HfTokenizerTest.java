package dev.tuna.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {
    private static HfTokenizer tokenizer;

    static Path resource(String name) {
        try {
            return Path.of(HfTokenizerTest.class.getResource("/hf/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void load() {
        tokenizer = HfTokenizer.load(resource("chatml"));
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void roundTripsEnglishAndKoreanWithoutAddingSpecialTokens() {
        String text = "The capital of Korea is Seoul. 대한민국의 수도는 서울이다! 🐟";
        int[] ids = tokenizer.encode(text);
        assertThat(ids).doesNotContain(0, 1, 2);
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
        // merges learned from the sample make common words shorter than their bytes
        assertThat(ids.length).isLessThan(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void specialTokensInTextAreSingleTokens() {
        int[] ids = tokenizer.encode("<|im_start|>user\nhi<|im_end|>\n");
        assertThat(ids[0]).isEqualTo(1);
        assertThat(ids).contains(2);
        assertThat(tokenizer.tokenId("<|im_end|>")).hasValue(2);
        assertThat(tokenizer.tokenId("Ġthe")).isPresent();
        assertThat(tokenizer.tokenId("<|nope|>")).isEmpty();
        assertThat(tokenizer.specialTokens()).containsExactly("<|endoftext|>", "<|im_start|>", "<|im_end|>");
        assertThat(tokenizer.vocabSize()).isEqualTo(379);
    }

    @Test
    void spansAreCharacterOffsetsIntoTheText() {
        // byte-level tokens may cut a Hangul syllable, so neighbouring spans can share a character
        String text = "서울은 수도<|im_end|> The end";
        TokenizedText t = tokenizer.encodeWithSpans(text);
        assertThat(t.starts()[0]).isZero();
        assertThat(t.ends()[t.size() - 1]).isEqualTo(text.length());
        boolean sawEnd = false;
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.starts()[i]).isLessThan(t.ends()[i]);
            if (i > 0) {
                assertThat(t.starts()[i]).isGreaterThanOrEqualTo(t.starts()[i - 1]);
                assertThat(t.starts()[i]).isLessThanOrEqualTo(t.ends()[i - 1]);
            }
            if (t.ids()[i] == 2) {
                assertThat(text.substring(t.starts()[i], t.ends()[i])).isEqualTo("<|im_end|>");
                sawEnd = true;
            }
        }
        assertThat(sawEnd).isTrue();
        assertThat(text.substring(t.starts()[t.size() - 1], t.ends()[t.size() - 1])).isEqualTo("d");
    }

    @Test
    void spansStayExactAfterCharactersOutsideTheBmp() {
        String text = "🐟🐟🐟 가a<|im_end|>b";
        TokenizedText t = tokenizer.encodeWithSpans(text);
        int end = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.ids()[i] == 2) {
                end = i;
            }
        }
        assertThat(text.substring(t.starts()[end], t.ends()[end])).isEqualTo("<|im_end|>");
        assertThat(text.substring(t.starts()[t.size() - 1], t.ends()[t.size() - 1])).isEqualTo("b");
        assertThat(t.ends()[0]).isEqualTo(2); // the first fish is two UTF-16 units
    }

    @Test
    void longTextsAreNotTruncated() {
        String text = "The quick brown fox jumps over the lazy dog. ".repeat(300);
        int[] ids = tokenizer.encode(text);
        assertThat(ids.length).isGreaterThan(1000);
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
    }

    @Test
    void missingFileIsAUserError(@TempDir Path dir) {
        assertThatThrownBy(() -> HfTokenizer.load(dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("tokenizer.json");
    }
}
