package dev.tuna.data.prepare;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What stays together on one side of a train/validation split. Questions about the same paragraph (or article)
 * share their context, so splitting them apart would let validation peek at training material.
 */
public enum SplitUnit {
    ARTICLE,
    PARAGRAPH,
    /** Each row of a table on its own (pairs have no shared context). */
    ROW;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
