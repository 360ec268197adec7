package dev.tuna.data.squad;

import java.util.List;

/**
 * One article ({@code data[]} entry): a title and its paragraphs.
 *
 * @param title the article's title; empty when the file gives none
 * @param paragraphs the paragraphs, in file order
 */
public record SquadArticle(String title, List<SquadParagraph> paragraphs) {
    public SquadArticle {
        paragraphs = List.copyOf(paragraphs);
    }
}
