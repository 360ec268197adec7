package dev.tuna.cli.output;

import org.jline.utils.WCWidth;

/**
 * How many terminal columns text takes: Hangul, CJK and most emoji take two, combining marks none. Padding by
 * {@code String.length()} misaligns every column that holds Korean.
 */
public final class DisplayWidth {
    private DisplayWidth() {
    }

    public static int of(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            width += columns(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    public static int columns(int codePoint) {
        return Math.max(0, WCWidth.wcwidth(codePoint));
    }

    /** s followed by spaces up to {@code width} columns (s itself when already as wide). */
    public static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - of(s)));
    }

    /** The longest prefix of s that fits in {@code width} columns, at a code point boundary (at least one). */
    public static int fittingPrefix(String s, int width) {
        int used = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int w = columns(cp);
            if (used + w > width && i > 0) {
                break;
            }
            used += w;
            i += Character.charCount(cp);
        }
        return i;
    }
}
