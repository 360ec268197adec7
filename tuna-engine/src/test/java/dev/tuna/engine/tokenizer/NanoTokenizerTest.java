package dev.tuna.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NanoTokenizerTest {
    @Test
    void seenCharactersAreOneTokenAndUnseenOnesFallBackToBytes() {
        NanoTokenizer t = NanoTokenizer.fromTexts(List.of("서울은 수도", "서울"));
        assertThat(t.characterCount()).isEqualTo(5); // 서 울 은 수 도
        int[] seen = t.encode("서울");
        assertThat(seen).hasSize(2);
        int[] unseen = t.encode("부산");
        assertThat(unseen).hasSize(6); // two 3-byte syllables
        String mixed = "<|user|>서울 or 부산? 🐟<|end|>";
        assertThat(t.decode(t.encode(mixed))).isEqualTo(mixed);
        assertThat(t.encode(mixed)[0]).isEqualTo(t.tokenId(NanoTokenizer.USER).getAsInt());
    }

    @Test
    void vocabularyIsDeterministicAndSurvivesSaveAndLoad(@TempDir Path dir) {
        NanoTokenizer a = NanoTokenizer.fromTexts(List.of("가나다", "다나가 라"));
        NanoTokenizer b = NanoTokenizer.fromTexts(List.of("다나가 라", "가나다"));
        assertThat(a.encode("가나다라마")).containsExactly(b.encode("가나다라마"));
        a.save(dir);
        NanoTokenizer c = NanoTokenizer.load(dir);
        assertThat(c.vocabSize()).isEqualTo(a.vocabSize());
        assertThat(c.encode("가나다라마")).containsExactly(a.encode("가나다라마"));
    }

    @Test
    void byteLevelVocabularyIsSpecialsPlusBytes() {
        NanoTokenizer t = NanoTokenizer.byteLevel();
        assertThat(t.vocabSize()).isEqualTo(5 + 256);
        assertThat(t.decode(t.encode("안녕 hi"))).isEqualTo("안녕 hi");
        assertThat(t.tokenId("a")).hasValue(5 + 'a');
    }

    @Test
    void spansCoverEachCharacterAndSpecialToken() {
        NanoTokenizer t = NanoTokenizer.fromTexts(List.of("가"));
        String text = "가<|end|>나";
        TokenizedText s = t.encodeWithSpans(text);
        assertThat(s.ids()).hasSize(1 + 1 + 3);
        assertThat(s.starts()).containsExactly(0, 1, 8, 8, 8);
        assertThat(s.ends()).containsExactly(1, 8, 9, 9, 9);
    }

    @Test
    void partialUtf8DecodesToReplacementCharacters() {
        NanoTokenizer t = NanoTokenizer.byteLevel();
        int[] ids = t.encode("나");
        assertThat(t.decode(new int[] {ids[0], ids[1]})).contains("\uFFFD");
    }
}
