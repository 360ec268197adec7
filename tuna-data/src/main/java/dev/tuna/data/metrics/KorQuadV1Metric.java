package dev.tuna.data.metrics;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * KorQuAD 1.0's official metric. Normalisation, in the script's order: each of the 12 characters
 * {@code ' " 《 》 < > 〈 〉 ( ) ‘ ’} becomes a space; Unicode lower-casing (no NFC/NFKC); ASCII punctuation is
 * deleted; whitespace runs become one space and the ends are trimmed. Exact match compares the normalised strings
 * with their spaces; F1 is over the bag of characters with the spaces removed.
 */
final class KorQuadV1Metric implements AnswerMetric {
    private static final String REPLACED_BY_SPACE = "'\"《》<>〈〉()‘’";

    KorQuadV1Metric() {
    }

    @Override
    public String name() {
        return "korquad-v1";
    }

    @Override
    public String normalize(String answer) {
        StringBuilder spaced = new StringBuilder(answer.length());
        for (int i = 0; i < answer.length(); i++) {
            char c = answer.charAt(i);
            spaced.append(REPLACED_BY_SPACE.indexOf(c) >= 0 ? ' ' : c);
        }
        String lower = spaced.toString().toLowerCase(Locale.ROOT);
        return PythonText.collapseWhitespace(PythonText.removeAsciiPunctuation(lower));
    }

    @Override
    public double f1(String prediction, String gold) {
        String p = normalize(prediction).replace(" ", "");
        String g = normalize(gold).replace(" ", "");
        Map<Integer, Integer> goldCounts = new HashMap<>();
        g.codePoints().forEach(cp -> goldCounts.merge(cp, 1, Integer::sum));
        int same = 0;
        for (int i = 0; i < p.length(); ) {
            int cp = p.codePointAt(i);
            Integer left = goldCounts.get(cp);
            if (left != null && left > 0) {
                same++;
                goldCounts.put(cp, left - 1);
            }
            i += Character.charCount(cp);
        }
        if (same == 0) {
            return 0;
        }
        double precision = 1.0 * same / p.codePointCount(0, p.length());
        double recall = 1.0 * same / g.codePointCount(0, g.length());
        return (2 * precision * recall) / (precision + recall);
    }
}
