package dev.tuna.cli.prepare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tuna.data.prepare.Duplicate;
import dev.tuna.data.prepare.PrepareOptions;
import dev.tuna.data.prepare.PrepareSummary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** A conversion's summary for a person (or as JSON): read, written, skipped and why, repeats, split. */
final class SummaryText {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final int LISTED_DUPLICATES = 20;

    private SummaryText() {
    }

    static void print(PrintWriter out, PrepareSummary s, PrepareOptions options, boolean json, String unit) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(s));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a summary must always serialise", e);
            }
            out.flush();
            return;
        }
        String group = switch (options.splitBy()) {
            case ARTICLE -> "article";
            case PARAGRAPH -> "paragraph";
            case ROW -> "row";
        };
        out.printf(Locale.ROOT, "Read %,d %s%s from %s (%s; examples from %,d %s%s)%n", s.read(), unit,
                s.read() == 1 ? "" : "s", s.input(), s.format(), s.groups(), group, s.groups() == 1 ? "" : "s");
        String shape = "template " + options.template().wireName() + ", "
                + (options.system() == null ? "no system message"
                : options.system().isEmpty() ? "an empty system message" : "system message \"" + options.system() + "\"");
        if (s.validation() == null) {
            out.printf(Locale.ROOT, "Wrote %,d examples to %s (%s)%n", s.written(), s.train(), shape);
        } else {
            out.printf(Locale.ROOT, "Wrote %,d examples (%s):%n", s.written(), shape);
            out.printf(Locale.ROOT, "  train       %,7d examples  %s%n", s.trainExamples(), s.train());
            out.printf(Locale.ROOT, "  validation  %,7d examples  %s  (%,d of %,d %ss, seed %d)%n",
                    s.validationExamples(), s.validation(), s.validationGroups(), s.groups(), group, options.seed());
        }
        if (options.limit() > 0 && s.written() >= options.limit()) {
            out.printf(Locale.ROOT, "Stopped at --limit %,d%n", options.limit());
        }
        if (s.skipped().isEmpty()) {
            out.println("Skipped: none");
        } else {
            out.println("Skipped:");
            for (Map.Entry<String, Long> e : s.skipped().entrySet()) {
                out.printf(Locale.ROOT, "  %,7d  %s%n", e.getValue(), e.getKey());
            }
        }
        if (!s.duplicates().isEmpty()) {
            out.printf(Locale.ROOT, "%s %,d repeated question%s (%,d extra example%s)%s:%n",
                    s.deduped() ? "Dropped the repeats of" : "Kept", s.duplicates().size(),
                    s.duplicates().size() == 1 ? "" : "s", s.repeats(), s.repeats() == 1 ? "" : "s",
                    s.deduped() ? " (--dedupe; the first of each is kept)" : "; --dedupe drops the repeats");
            int listed = 0;
            for (Duplicate d : s.duplicates()) {
                if (listed++ == LISTED_DUPLICATES) {
                    out.printf(Locale.ROOT, "  ... and %,d more (--json lists them all)%n",
                            s.duplicates().size() - LISTED_DUPLICATES);
                    break;
                }
                out.printf("  %s  [%s]%n", d.text().replace("\n", " "), String.join(", ", d.ids()));
            }
        }
        out.println("Next: tuna validate " + s.train());
        out.flush();
    }
}
