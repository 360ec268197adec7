package dev.tuna.data.prepare;

import dev.tuna.data.TunaException;
import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.jsonl.JsonlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Runs candidates through an {@link ExampleSelector} into the output file(s). Without a split it is one streaming
 * pass. With one, a first pass counts the examples of each group (article, paragraph or row), a seeded shuffle
 * picks whole groups for validation until they hold the requested share, and a second pass writes both files.
 * Only per-group counts are held in memory, never the examples.
 */
final class Conversion {
    private Conversion() {
    }

    /** Where a split's validation file goes by default: {@code dev.jsonl} → {@code dev.val.jsonl}. */
    static Path defaultValidationPath(Path train) {
        String name = train.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name;
        return train.resolveSibling(stem + ".val.jsonl");
    }

    static PrepareSummary run(Path input, Supplier<Stream<Candidate>> candidates, Supplier<String> format, Path out,
                              Path validationOut, PrepareOptions options) {
        if (!options.splits()) {
            ExampleSelector selector = new ExampleSelector(options);
            long groups = 0;
            long lastGroup = Long.MIN_VALUE;
            try (JsonlWriter writer = JsonlWriter.create(out); Stream<Candidate> stream = candidates.get()) {
                for (Iterator<Candidate> it = stream.iterator(); it.hasNext() && !selector.full(); ) {
                    Candidate c = it.next();
                    ChatExample example = selector.select(c);
                    if (example != null) {
                        writer.write(example);
                        // Groups arrive contiguously (article after article), so counting changes counts them.
                        if (c.group() != lastGroup) {
                            groups++;
                            lastGroup = c.group();
                        }
                    }
                }
                writer.commit();
            }
            return summary(input, format.get(), selector, options, out, selector.selected(), null, 0, 0, groups);
        }

        Path valOut = validationOut != null ? validationOut : defaultValidationPath(out);
        if (valOut.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
            throw new TunaException("the validation file " + valOut + " is the training file; give another --val-output");
        }
        Map<Long, Long> counts = new LinkedHashMap<>();
        ExampleSelector counting = new ExampleSelector(options);
        try (Stream<Candidate> stream = candidates.get()) {
            for (Iterator<Candidate> it = stream.iterator(); it.hasNext() && !counting.full(); ) {
                Candidate c = it.next();
                if (counting.select(c) != null) {
                    counts.merge(c.group(), 1L, Long::sum);
                }
            }
        }
        Set<Long> validationGroups = chooseValidation(counts, options, input);

        ExampleSelector selector = new ExampleSelector(options);
        long train = 0;
        long validation = 0;
        try (JsonlWriter trainWriter = JsonlWriter.create(out); JsonlWriter valWriter = JsonlWriter.create(valOut);
             Stream<Candidate> stream = candidates.get()) {
            for (Iterator<Candidate> it = stream.iterator(); it.hasNext() && !selector.full(); ) {
                Candidate c = it.next();
                ChatExample example = selector.select(c);
                if (example == null) {
                    continue;
                }
                if (validationGroups.contains(c.group())) {
                    valWriter.write(example);
                    validation++;
                } else {
                    trainWriter.write(example);
                    train++;
                }
            }
            trainWriter.commit();
            valWriter.commit();
        }
        return summary(input, format.get(), selector, options, out, train, valOut, validation, validationGroups.size(),
                counts.size());
    }

    /**
     * Whole groups for validation: in seeded-shuffle order, every group that still fits under the requested share,
     * then the one group that best closes the gap. At least one group ends up on each side.
     */
    static Set<Long> chooseValidation(Map<Long, Long> counts, PrepareOptions options, Path input) {
        if (counts.size() < 2) {
            throw new TunaException(input + " gives " + counts.size() + " " + unitName(options)
                    + (counts.size() == 1 ? "" : "s") + " with examples: a split needs at least two"
                    + (options.splitBy() == SplitUnit.ARTICLE ? " (try --split-by paragraph)" : ""),
                    TunaException.INVALID_INPUT, null);
        }
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        double target = total * options.valFraction();
        List<Long> order = new ArrayList<>(counts.keySet());
        Collections.shuffle(order, new Random(options.seed()));
        Set<Long> chosen = new HashSet<>();
        long inValidation = 0;
        for (Long group : order) {
            long size = counts.get(group);
            if (chosen.size() < counts.size() - 1 && inValidation + size <= target) {
                chosen.add(group);
                inValidation += size;
            }
        }
        // Then the one group that best closes the remaining gap, if any narrows it (or if none was taken yet).
        Long best = null;
        double bestGap = chosen.isEmpty() ? Double.MAX_VALUE : Math.abs(inValidation - target);
        for (Long group : order) {
            double gap = Math.abs(inValidation + counts.get(group) - target);
            if (!chosen.contains(group) && gap < bestGap && chosen.size() < counts.size() - 1) {
                best = group;
                bestGap = gap;
            }
        }
        if (best != null) {
            chosen.add(best);
        }
        return chosen;
    }

    private static String unitName(PrepareOptions options) {
        return options.splitBy().wireName();
    }

    private static PrepareSummary summary(Path input, String format, ExampleSelector selector,
                                          PrepareOptions options, Path train,
                                          long trainCount, Path validation, long validationCount,
                                          long validationGroups, long groups) {
        return new PrepareSummary(input.toString(), format, selector.read(), trainCount + validationCount,
                selector.skipped(), selector.duplicates(), options.dedupe(), train.toString(), trainCount,
                validation == null ? null : validation.toString(), validationCount, validationGroups, groups);
    }
}
