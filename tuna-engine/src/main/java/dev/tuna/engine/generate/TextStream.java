package dev.tuna.engine.generate;

import dev.tuna.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * Turns generated token ids into text as they arrive, so that a stream never shows broken characters or a stop
 * sequence. A byte-level token can end in the middle of a UTF-8 character (Korean syllables are 3 bytes and often
 * split): text is released only up to the last complete character, and text that could still become a stop
 * sequence is held back until it is certain.
 */
final class TextStream {
    private static final char REPLACEMENT = '\uFFFD';

    private final Tokenizer tokenizer;
    private final List<String> stop;
    private int[] ids = new int[16];
    private int count;
    private String text = "";
    private int released;
    private boolean stopped;

    TextStream(Tokenizer tokenizer, List<String> stop) {
        this.tokenizer = tokenizer;
        this.stop = stop;
    }

    /** Adds a token; returns the text that became certain (possibly empty). */
    String add(int id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        text = tokenizer.decode(Arrays.copyOf(ids, count));
        int stopAt = firstStop();
        if (stopAt >= 0) {
            stopped = true;
            text = text.substring(0, stopAt);
            return release(text.length());
        }
        int safe = text.length();
        while (safe > released && text.charAt(safe - 1) == REPLACEMENT) {
            safe--; // an incomplete UTF-8 sequence: wait for the next token
        }
        if (safe > 0 && Character.isHighSurrogate(text.charAt(safe - 1))) {
            safe--;
        }
        return release(safe - longestStopPrefixEndingAt(safe));
    }

    /**
     * The rest of the text once generation ends: a trailing partial stop sequence is not one, and a character cut
     * in half by the token limit is dropped rather than shown broken.
     */
    String finish() {
        int end = text.length();
        while (end > released && text.charAt(end - 1) == REPLACEMENT) {
            end--;
        }
        text = text.substring(0, end);
        return release(end);
    }

    boolean stopped() {
        return stopped;
    }

    String text() {
        return text;
    }

    private String release(int upTo) {
        if (upTo <= released) {
            return "";
        }
        String piece = text.substring(released, upTo);
        released = upTo;
        return piece;
    }

    private int firstStop() {
        int best = -1;
        for (String s : stop) {
            int from = Math.max(0, released - s.length() + 1);
            int i = text.indexOf(s, from);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /** Length of the longest suffix of text[0, end) that is a proper prefix of some stop sequence. */
    private int longestStopPrefixEndingAt(int end) {
        int longest = 0;
        for (String s : stop) {
            for (int k = Math.min(s.length() - 1, end - released); k > longest; k--) {
                if (text.startsWith(s.substring(0, k), end - k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }
}
