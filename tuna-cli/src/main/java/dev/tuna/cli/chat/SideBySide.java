package dev.tuna.cli.chat;

import dev.tuna.cli.output.DisplayWidth;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers to one question under several system prompts, in columns (or one block after another when the
 * terminal is too narrow for columns of at least {@value #MIN_COLUMN} characters).
 */
final class SideBySide {
    static final int MIN_COLUMN = 24;
    private static final String GAP = " | ";

    private SideBySide() {
    }

    static void print(PrintWriter out, List<String> systems, List<String> answers, int width) {
        int k = systems.size();
        int column = (width - GAP.length() * (k - 1)) / k;
        if (column < MIN_COLUMN) {
            for (int i = 0; i < k; i++) {
                out.println((i > 0 ? "\n" : "") + "== system: " + systems.get(i));
                out.println(answers.get(i));
            }
            out.flush();
            return;
        }
        List<List<String>> cells = new ArrayList<>();
        int height = 0;
        for (int i = 0; i < k; i++) {
            List<String> lines = new ArrayList<>(wrap("system: " + systems.get(i), column));
            lines.add("-".repeat(column));
            lines.addAll(wrap(answers.get(i), column));
            cells.add(lines);
            height = Math.max(height, lines.size());
        }
        for (int r = 0; r < height; r++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < k; i++) {
                List<String> lines = cells.get(i);
                String cell = r < lines.size() ? lines.get(r) : "";
                sb.append(i > 0 ? GAP : "").append(DisplayWidth.pad(cell, column));
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
    }

    /**
     * Greedy word wrap to {@code width} terminal columns (a Hangul syllable takes two); a word wider than that is
     * split. Existing line breaks are kept.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.strip().split("\\s+")) {
                while (DisplayWidth.of(word) > width) {
                    if (!line.isEmpty()) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    int cut = DisplayWidth.fittingPrefix(word, width);
                    lines.add(word.substring(0, cut));
                    word = word.substring(cut);
                }
                if (line.isEmpty()) {
                    line.append(word);
                } else if (DisplayWidth.of(line.toString()) + 1 + DisplayWidth.of(word) <= width) {
                    line.append(' ').append(word);
                } else {
                    lines.add(line.toString());
                    line.setLength(0);
                    line.append(word);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
