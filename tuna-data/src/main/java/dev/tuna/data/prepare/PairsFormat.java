package dev.tuna.data.prepare;

import dev.tuna.data.TunaException;
import java.nio.file.Path;
import java.util.Locale;

/** The table layouts {@code tuna prepare pairs} reads; each has a header row (or named fields, for JSONL). */
public enum PairsFormat {
    CSV,
    TSV,
    JSONL;

    /** The format a file name says: {@code .csv}, {@code .tsv} (or {@code .tab}), {@code .jsonl} (or {@code .ndjson}). */
    public static PairsFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        throw new TunaException(file + ": cannot tell the table format from the name; name it .csv, .tsv or .jsonl,"
                + " or give --format csv|tsv|jsonl");
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
