package dev.tuna.data.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.data.squad.SquadExample;
import dev.tuna.data.squad.SquadReader;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast path (own splitters, cached pieces) must cut the regexes' pieces and count exactly what jtokkit counts. */
class TokenCounterTest {
    static final Path KORQUAD_DEV = Path.of(System.getProperty("tuna.repo.root", "../"))
            .resolve("data/korquad/KorQuAD_v1.0_dev.json");
    final TokenCounter o200k = TokenCounter.forEncoding("o200k_base");

    static boolean wellFormed(String s) {
        return s.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff);
    }

    @Test
    void knownCounts() {
        assertThat(o200k.count("")).isZero();
        assertThat(o200k.count("hello world")).isEqualTo(2);
        assertThat(o200k.count("<|endoftext|>")).isEqualTo(o200k.countDirectly("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void edgeCasesOfTheRegex() {
        List<String> cases = List.of("ABC def", "ABCdef", "abcDEF", "HTTPServer", "I'm", "THEY'LL", "we'VE", "it\u017fs",
                "don'T", "'s", "x's'", "  \n\n  x", " \r\n", "a  b", "a   b", "end   ", "\t\tword", "\u3000단어",
                "12345678", "١٢٣٤", "½⅓", "Ⅻ", "e\u0301t\u0301", " \u0301x", "\u0301", "!!!\n/x", " ?!", "x //y",
                "a\u00a0b", "\u2028x", "\u0085y", "🙂🙂 ok", "\ud800 lone", "x\udc00", "ǅungla", "ʰaʰ", "가나다ABC",
                "ABC가나다", "ＡＢＣａｂｃ", "\u000bx", "  ", " ", "\n", "a'", "'", "Mr.Smith", "e.g.,", "3.14159",
                "1,445유로", "《로마의 휴일》", "“quoted”", "tab\tafter", "ἄλφα", "ΑΒΓ", "ǈǉǊ");
        for (String s : cases) {
            assertThat(splitterPieces(s)).as(s).isEqualTo(regexPieces(s));
            assertThat(o200k.count(s)).as(s).isEqualTo(o200k.countDirectly(s));
            assertThat(cl100kPieces(s)).as(s).isEqualTo(regexPieces(CL100K, s));
            if (wellFormed(s)) { // jtokkit's cl100k parser asserts that its input has no lone surrogates
                assertThat(cl100k.count(s)).as(s).isEqualTo(cl100k.countDirectly(s));
            }
        }
    }

    /** o200k_base's pattern as jtokkit 1.1.0 compiles it (UNICODE_CHARACTER_CLASS), to compare pieces with. */
    static final java.util.regex.Pattern O200K = java.util.regex.Pattern.compile(String.join("|",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
            "\\p{N}{1,3}", " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*", "\\s*[\\r\\n]+", "\\s+(?!\\S)", "\\s+"),
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    static final java.util.regex.Pattern CL100K = java.util.regex.Pattern.compile(
            "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*"
                    + "|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
    final TokenCounter cl100k = TokenCounter.forEncoding("cl100k_base");

    static List<String> regexPieces(String s) {
        return regexPieces(O200K, s);
    }

    static List<String> regexPieces(java.util.regex.Pattern pattern, String s) {
        List<String> pieces = new java.util.ArrayList<>();
        var m = pattern.matcher(s);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    static List<String> splitterPieces(String s) {
        List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < s.length(); ) {
            int e = O200kSplitter.pieceEnd(s, i);
            pieces.add(s.substring(i, e));
            i = e;
        }
        return pieces;
    }

    static List<String> cl100kPieces(String s) {
        List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < s.length(); ) {
            int e = Cl100kSplitter.pieceEnd(s, i);
            pieces.add(s.substring(i, e));
            i = e;
        }
        return pieces;
    }

    @Test
    void randomTextFromATrickyAlphabet() {
        String alphabet = "aZ가Ǆʰ\u0301\u0903 \t\n\r\u3000\u00a0\u2028\u0085'sS\u017ftTlLdDmMrReEvV09٣½!?/.,-《》“”🙂\ud83d";
        int[] cps = alphabet.codePoints().toArray();
        SplittableRandom random = new SplittableRandom(2024);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int i = 0; i < length; i++) {
                sb.appendCodePoint(cps[random.nextInt(cps.length)]);
            }
            String s = sb.toString();
            assertThat(splitterPieces(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(regexPieces(s));
            assertThat(o200k.count(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(o200k.countDirectly(s));
            assertThat(cl100kPieces(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(regexPieces(CL100K, s));
            if (wellFormed(s)) {
                assertThat(cl100k.count(s)).as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
                        .isEqualTo(cl100k.countDirectly(s));
            }
        }
    }

    @Test
    void theWholeKorquadDevSet() {
        List<SquadExample> examples = SquadReader.readExamples(KORQUAD_DEV);
        String lastContext = null;
        for (SquadExample e : examples) {
            if (!e.context().equals(lastContext)) {
                assertThat(o200k.count(e.context())).isEqualTo(o200k.countDirectly(e.context()));
                assertThat(cl100k.count(e.context())).isEqualTo(cl100k.countDirectly(e.context()));
                lastContext = e.context();
            }
            String q = e.question().question();
            assertThat(o200k.count(q)).as(q).isEqualTo(o200k.countDirectly(q));
            assertThat(cl100k.count(q)).as(q).isEqualTo(cl100k.countDirectly(q));
        }
    }
}
