package dev.tuna.data.squad;

/**
 * A question together with the article title and the context it was asked about: the flat view that converters
 * and evaluators iterate over.
 */
public record SquadExample(String title, String context, SquadQuestion question) {
}
