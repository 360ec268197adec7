package dev.tuna.data.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The few Python 3 string semantics the official evaluation scripts rely on, reproduced on code points (Python
 * strings are sequences of code points, Java strings of UTF-16 units).
 */
final class PythonText {
    /** Python's {@code string.punctuation}: the 32 ASCII punctuation characters. */
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private PythonText() {
    }

    /**
     * Python's {@code str.isspace()}: Java's whitespace plus the no-break spaces (Zs) plus U+0085, which Python
     * counts (bidirectional class B) and Java does not.
     */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** Python's {@code str.split()} without arguments: split on runs of whitespace, no empty tokens. */
    static List<String> split(String s) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    tokens.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            tokens.add(s.substring(start));
        }
        return tokens;
    }

    /** Python's {@code ' '.join(s.split())}. */
    static String collapseWhitespace(String s) {
        return String.join(" ", split(s));
    }

    /** Python's {@code ''.join(ch for ch in s if ch not in set(string.punctuation))}. */
    static String removeAsciiPunctuation(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (PUNCTUATION.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A word character for Python's {@code re} on {@code str} patterns ({@code \w}, and so {@code \b}): {@code
     * ch.isalnum() or ch == '_'}, where isalnum means a letter (L*) or a number (Nd, Nl, No).
     */
    static boolean isWordChar(int cp) {
        if (cp == '_' || Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
