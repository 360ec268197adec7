package dev.tuna.data.eval;

/**
 * {@code --extract-span}: keeps an answer that occurs in the context as it is; otherwise replaces it with the longest
 * piece of it that does occur in the context (the earliest such piece on ties). The answer is trimmed first. This
 * is the only post-processing besides trimming, and it looks at the context only, never at the gold answers.
 */
public final class SpanExtractor {
    private SpanExtractor() {
    }

    public static String extract(String answer, String context) {
        String a = answer.strip();
        if (a.isEmpty() || context == null || context.contains(a)) {
            return a;
        }
        // Longest common substring by dynamic programming over UTF-16 units; answers are short, contexts a few KB.
        int[] prev = new int[context.length() + 1];
        int[] cur = new int[context.length() + 1];
        int bestLen = 0;
        int bestEnd = 0;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= context.length(); j++) {
                cur[j] = a.charAt(i - 1) == context.charAt(j - 1) ? prev[j - 1] + 1 : 0;
                if (cur[j] > bestLen) {
                    bestLen = cur[j];
                    bestEnd = i;
                }
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        int from = bestEnd - bestLen;
        int to = bestEnd;
        if (from < to && Character.isLowSurrogate(a.charAt(from))) {
            from++; // never split a character outside the BMP
        }
        if (from < to && Character.isHighSurrogate(a.charAt(to - 1))) {
            to--;
        }
        return a.substring(from, to).strip();
    }
}
