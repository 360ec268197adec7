package dev.tuna.data.validate;

/** The character classes of OpenAI's pre-tokenization regexes, as Java's regex engine defines them. */
final class CharClass {
    private static final int LETTERS = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
            | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER;
    private static final int MARKS = 1 << Character.NON_SPACING_MARK | 1 << Character.ENCLOSING_MARK
            | 1 << Character.COMBINING_SPACING_MARK;
    private static final int NUMBERS = 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER
            | 1 << Character.OTHER_NUMBER;
    private static final int UPPERISH = 1 << Character.UPPERCASE_LETTER | 1 << Character.TITLECASE_LETTER
            | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER | MARKS;
    private static final int LOWERISH = 1 << Character.LOWERCASE_LETTER | 1 << Character.MODIFIER_LETTER
            | 1 << Character.OTHER_LETTER | MARKS;
    private static final int SEPARATORS = 1 << Character.SPACE_SEPARATOR | 1 << Character.LINE_SEPARATOR
            | 1 << Character.PARAGRAPH_SEPARATOR;

    private CharClass() {
    }

    static boolean isLetter(int type) {
        return (LETTERS >> type & 1) != 0;
    }

    static boolean isNumber(int type) {
        return (NUMBERS >> type & 1) != 0;
    }

    /** {@code [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]}. */
    static boolean isUpperish(int type) {
        return (UPPERISH >> type & 1) != 0;
    }

    /** {@code [\p{Ll}\p{Lm}\p{Lo}\p{M}]}. */
    static boolean isLowerish(int type) {
        return (LOWERISH >> type & 1) != 0;
    }

    /** {@code \s} under {@code UNICODE_CHARACTER_CLASS}: the White_Space property, as java.util.regex tests it. */
    static boolean isSpace(int c) {
        return (c >= 0x9 && c <= 0xd) || c == 0x85 || (SEPARATORS >> Character.getType(c) & 1) != 0;
    }

    /** {@code [^\r\n\p{L}\p{N}]}: the optional character before a word. */
    static boolean isPrefix(int c, int type) {
        return c != '\r' && c != '\n' && !isLetter(type) && !isNumber(type);
    }

    /** {@code [^\s\p{L}\p{N}]}: punctuation, symbols, marks and the like. */
    static boolean isSymbol(int c) {
        int type = Character.getType(c);
        return !isSpace(c) && !isLetter(type) && !isNumber(type);
    }

    /**
     * Alternatives {@code \s*[\r\n]+ | \s+(?!\S) | \s+} at a whitespace character {@code i}: up to the run's last
     * line break if it has one; else the whole run at the end of the text or when it is one character long; else
     * the run but its last character (which then prefixes the next word).
     */
    static int whitespace(String s, int i) {
        int n = s.length();
        int k = i;
        int lastBreak = -1;
        while (k < n) {
            char c = s.charAt(k);
            if (!isSpace(c)) {
                break;
            }
            if (c == '\r' || c == '\n') {
                lastBreak = k;
            }
            k++;
        }
        if (k == i) {
            return i + Character.charCount(s.codePointAt(i)); // not reached for regex input; never loop forever
        }
        if (lastBreak >= 0) {
            return lastBreak + 1;
        }
        if (k == n || k - i == 1) {
            return k;
        }
        return k - 1;
    }
}
