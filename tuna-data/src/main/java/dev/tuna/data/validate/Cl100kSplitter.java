package dev.tuna.data.validate;

/**
 * Splits text into the pieces of cl100k_base's pre-tokenization regex, like {@link O200kSplitter} does for o200k:
 * <pre>
 * 1  '(?i:[sdmt]|ll|ve|re)
 * 2  [^\r\n\p{L}\p{N}]?+\p{L}+
 * 3  \p{N}{1,3}
 * 4   ?[^\s\p{L}\p{N}]++[\r\n]*
 * 5  \s*[\r\n]
 * 6  \s+(?!\S)
 * 7  \s+
 * </pre>
 * The possessive {@code ?+} means a prefix character, once taken, is never given back.
 */
final class Cl100kSplitter {
    private Cl100kSplitter() {
    }

    static int pieceEnd(String s, int i) {
        int n = s.length();
        int c = s.codePointAt(i);
        if (c == '\'') {
            int e = O200kSplitter.contraction(s, i);
            if (e > i) {
                return e;
            }
        }
        int type = Character.getType(c);
        int j = CharClass.isPrefix(c, type) ? i + Character.charCount(c) : i;
        int end = j;
        while (end < n) {
            int d = s.codePointAt(end);
            if (!CharClass.isLetter(Character.getType(d))) {
                break;
            }
            end += Character.charCount(d);
        }
        if (end > j) {
            return end;
        }
        if (CharClass.isNumber(type)) {
            end = i + Character.charCount(c);
            for (int k = 1; k < 3 && end < n; k++) {
                int d = s.codePointAt(end);
                if (!CharClass.isNumber(Character.getType(d))) {
                    break;
                }
                end += Character.charCount(d);
            }
            return end;
        }
        j = i;
        if (c == ' ' && i + 1 < n && CharClass.isSymbol(s.codePointAt(i + 1))) {
            j = i + 1;
        }
        if (CharClass.isSymbol(s.codePointAt(j))) {
            while (j < n) {
                int d = s.codePointAt(j);
                if (!CharClass.isSymbol(d)) {
                    break;
                }
                j += Character.charCount(d);
            }
            while (j < n && (s.charAt(j) == '\r' || s.charAt(j) == '\n')) {
                j++;
            }
            return j;
        }
        return CharClass.whitespace(s, i);
    }
}
