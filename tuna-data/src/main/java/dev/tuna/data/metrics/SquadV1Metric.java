package dev.tuna.data.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQuAD v1.1's official metric. Normalisation, in the script's order: Unicode lower-casing; ASCII punctuation is
 * deleted; the articles a, an, the (as whole words, {@code \b(a|an|the)\b}) become a space; whitespace runs become
 * one space. F1 is over the bag of whitespace-separated tokens.
 */
final class SquadV1Metric implements AnswerMetric {
    private static final List<String> ARTICLES = List.of("a", "an", "the"); // the regex's alternation order

    SquadV1Metric() {
    }

    @Override
    public String name() {
        return "squad-v1";
    }

    @Override
    public String normalize(String answer) {
        String text = PythonText.removeAsciiPunctuation(answer.toLowerCase(Locale.ROOT));
        return PythonText.collapseWhitespace(replaceArticles(text));
    }

    /** {@code re.sub(r'\b(a|an|the)\b', ' ', text)} with Python's Unicode word characters. */
    static String replaceArticles(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int matched = boundaryBefore(text, i) ? articleAt(text, i) : 0;
            if (matched > 0) {
                out.append(' ');
                i += matched;
            } else {
                int cp = text.codePointAt(i);
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
        }
        return out.toString();
    }

    /** The length of the first alternative that matches at {@code i} and is followed by a word boundary, else 0. */
    private static int articleAt(String text, int i) {
        for (String article : ARTICLES) {
            int end = i + article.length();
            if (text.startsWith(article, i) && (end == text.length() || !PythonText.isWordChar(text.codePointAt(end)))) {
                return article.length();
            }
        }
        return 0;
    }

    /** Before an article (which starts with a word character), a boundary means no word character precedes. */
    private static boolean boundaryBefore(String text, int i) {
        return i == 0 || !PythonText.isWordChar(text.codePointBefore(i));
    }

    @Override
    public double f1(String prediction, String gold) {
        List<String> p = PythonText.split(normalize(prediction));
        List<String> g = PythonText.split(normalize(gold));
        Map<String, Integer> goldCounts = new HashMap<>();
        g.forEach(t -> goldCounts.merge(t, 1, Integer::sum));
        int same = 0;
        for (String t : p) {
            Integer left = goldCounts.get(t);
            if (left != null && left > 0) {
                same++;
                goldCounts.put(t, left - 1);
            }
        }
        if (same == 0) {
            return 0;
        }
        double precision = 1.0 * same / p.size();
        double recall = 1.0 * same / g.size();
        return (2 * precision * recall) / (precision + recall);
    }
}
