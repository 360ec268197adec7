package dev.tuna.data.validate;

/**
 * Splits text into the pieces that o200k_base's pre-tokenization regex yields (as jtokkit compiles it, with
 * {@code UNICODE_CHARACTER_CLASS}), without the regex engine. BPE then works on each piece alone, so token counts
 * add up over pieces, and counts of repeated pieces can be cached. The regex, alternative by alternative:
 * <pre>
 * 1  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * 2  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * 3  \p{N}{1,3}
 * 4   ?[^\s\p{L}\p{N}]+[\r\n/]*
 * 5  \s*[\r\n]+
 * 6  \s+(?!\S)
 * 7  \s+
 * </pre>
 * Each method below reproduces one alternative's match, backtracking included; {@code TokenCounterTest} checks the
 * result against jtokkit's own regex on random and real text.
 */
final class O200kSplitter {
    private O200kSplitter() {
    }

    /** The end (exclusive) of the piece that starts at {@code i}. */
    static int pieceEnd(String s, int i) {
        int c = s.codePointAt(i);
        int type = Character.getType(c);
        int e;
        if ((e = letters(s, i, c, type, true)) >= 0 || (e = letters(s, i, c, type, false)) >= 0) {
            return e;
        }
        if (CharClass.isNumber(type)) {
            int end = i + Character.charCount(c);
            for (int k = 1; k < 3 && end < s.length(); k++) {
                int d = s.codePointAt(end);
                if (!CharClass.isNumber(Character.getType(d))) {
                    break;
                }
                end += Character.charCount(d);
            }
            return end;
        }
        if ((e = punctuation(s, i, c)) >= 0) {
            return e;
        }
        return CharClass.whitespace(s, i);
    }

    /** Alternatives 1 ({@code lowerEnding}) and 2: an optional prefix character, then a word. */
    private static int letters(String s, int i, int c, int type, boolean lowerEnding) {
        if (CharClass.isPrefix(c, type)) {
            int next = i + Character.charCount(c);
            int e = next < s.length() ? word(s, next, lowerEnding) : -1;
            if (e >= 0) {
                return e;
            }
        }
        return word(s, i, lowerEnding);
    }

    /**
     * Alternative 1 without its prefix: U* L+ ('s...)?, where U = Lu Lt Lm Lo M and L = Ll Lm Lo M. U* is greedy, so
     * when the U-run is not followed by an L character the engine backtracks to the run's last L character.
     * Alternative 2 without its prefix: U+ L* ('s...)?.
     */
    private static int word(String s, int j, boolean lowerEnding) {
        int n = s.length();
        int k = j;
        int lastL = -1;
        while (k < n) {
            int c = s.codePointAt(k);
            int t = Character.getType(c);
            if (!CharClass.isUpperish(t)) {
                break;
            }
            if (CharClass.isLowerish(t)) {
                lastL = k;
            }
            k += Character.charCount(c);
        }
        int end;
        if (lowerEnding) {
            if (k < n && CharClass.isLowerish(Character.getType(s.codePointAt(k)))) {
                end = lowerRun(s, k);
            } else if (lastL >= 0) {
                end = lastL + Character.charCount(s.codePointAt(lastL));
            } else {
                return -1;
            }
        } else {
            if (k == j) {
                return -1;
            }
            end = lowerRun(s, k);
        }
        return contraction(s, end);
    }

    private static int lowerRun(String s, int k) {
        int n = s.length();
        while (k < n) {
            int c = s.codePointAt(k);
            if (!CharClass.isLowerish(Character.getType(c))) {
                break;
            }
            k += Character.charCount(c);
        }
        return k;
    }

    /** {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)?} at {@code e}; case-insensitive with Unicode case folding (ſ is s). */
    static int contraction(String s, int e) {
        int n = s.length();
        if (e + 1 >= n || s.charAt(e) != '\'') {
            return e;
        }
        char a = fold(s.charAt(e + 1));
        if (a == 's' || a == 't' || a == 'm' || a == 'd') {
            return e + 2;
        }
        if (e + 2 < n) {
            char b = fold(s.charAt(e + 2));
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                return e + 3;
            }
        }
        return e;
    }

    static char fold(char c) {
        if (c == '\u017f') {
            return 's'; // LATIN SMALL LETTER LONG S folds to s
        }
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Alternative 4: {@code  ?[^\s\p{L}\p{N}]+[\r\n/]*}. */
    private static int punctuation(String s, int i, int c) {
        int n = s.length();
        int j = i;
        if (c == ' ' && i + 1 < n && CharClass.isSymbol(s.codePointAt(i + 1))) {
            j = i + 1;
        } else if (!CharClass.isSymbol(c)) {
            return -1;
        }
        while (j < n) {
            int d = s.codePointAt(j);
            if (!CharClass.isSymbol(d)) {
                break;
            }
            j += Character.charCount(d);
        }
        while (j < n && (s.charAt(j) == '\r' || s.charAt(j) == '\n' || s.charAt(j) == '/')) {
            j++;
        }
        return j;
    }
}
