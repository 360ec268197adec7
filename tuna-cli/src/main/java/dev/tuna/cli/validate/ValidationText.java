package dev.tuna.cli.validate;

import dev.tuna.data.validate.CostEstimate;
import dev.tuna.data.validate.Distribution;
import dev.tuna.data.validate.ModelProfile;
import dev.tuna.data.validate.TokenStats;
import dev.tuna.data.validate.ValidationError;
import dev.tuna.data.validate.ValidationReport;
import dev.tuna.data.validate.ValidationWarning;
import java.util.Locale;

/** A validation report as text for a person: verdict, errors with fixes, warnings, tokens, epochs and cost. */
public final class ValidationText {
    private ValidationText() {
    }

    public static String render(ValidationReport r) {
        StringBuilder out = new StringBuilder();
        ModelProfile model = r.model();
        if (r.valid()) {
            out.append(String.format(Locale.ROOT, "%s: valid, %,d examples (%s) for %s%n", r.file(), r.examples(),
                    size(r.bytes()), model.model()));
        } else {
            out.append(String.format(Locale.ROOT, "%s: NOT valid, %,d error%s in %,d line%s (%s) for %s%n", r.file(),
                    r.errorCount(), r.errorCount() == 1 ? "" : "s", r.lines(), r.lines() == 1 ? "" : "s",
                    size(r.bytes()), model.model()));
            out.append(String.format("%nErrors:%n"));
            String lastFix = null;
            for (ValidationError e : r.errors()) {
                out.append("  ").append(e).append('\n');
                if (!e.fix().equals(lastFix)) {
                    out.append("      fix: ").append(e.fix()).append('\n');
                    lastFix = e.fix();
                }
            }
            if (r.errorCount() > r.errors().size()) {
                out.append(String.format(Locale.ROOT, "  ... and %,d more (by category: %s)%n",
                        r.errorCount() - r.errors().size(), r.errorCounts()));
            }
        }
        if (!r.warnings().isEmpty()) {
            out.append(String.format("%nWarnings:%n"));
            for (ValidationWarning w : r.warnings()) {
                out.append("  ").append(w.category().wireName()).append(": ").append(w.message());
                if (!w.lines().isEmpty() && w.category() != dev.tuna.data.validate.WarningCategory.DUPLICATE_EXAMPLE) {
                    out.append(" (line").append(w.lines().size() > 1 ? "s " : " ")
                            .append(String.join(", ", w.lines().stream().map(String::valueOf).toList()))
                            .append(w.count() > w.lines().size() ? ", ..." : "").append(')');
                }
                out.append('\n');
            }
        }
        TokenStats t = r.tokens();
        if (t.perExample().count() > 0) {
            out.append(String.format(Locale.ROOT, "%nTokens (%s, %,d well-formed examples):%n", model.encoding(),
                    t.perExample().count()));
            out.append(String.format(Locale.ROOT, "  %-20s %8s %8s %8s %8s %8s%n", "", "min", "p50", "p90", "mean",
                    "max"));
            row(out, "per example", t.perExample());
            row(out, "assistant (learned)", t.assistant());
            row(out, "messages", t.messages());
            out.append(String.format(Locale.ROOT, "  total %,d tokens; %,d example%s over the %,d-token limit%n",
                    t.totalTokens(), t.overLimit(), t.overLimit() == 1 ? "" : "s", model.tokenLimit()));
            CostEstimate c = r.cost();
            out.append(String.format(Locale.ROOT, "%nTraining on OpenAI: %d epoch%s (the default for %,d examples)"
                    + " x %,d tokens = %,d billed tokens%n", c.epochs(), c.epochs() == 1 ? "" : "s",
                    t.perExample().count(), c.tokensPerEpoch(), c.billedTokens()));
            if (c.estimatedCostUsd() != null) {
                out.append(String.format(Locale.ROOT, "Estimated cost: $%.2f at $%.2f per 1M training tokens (%s)%n",
                        c.estimatedCostUsd(), model.trainingPricePerMillion(), model.priceSource()));
            } else {
                out.append("Estimated cost: unknown (no training price known for ").append(model.model())
                        .append(")\n");
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, Distribution d) {
        out.append(String.format(Locale.ROOT, "  %-20s %8d %8.1f %8.1f %8.1f %8d%n", label, d.min(), d.p50(), d.p90(),
                d.mean(), d.max()));
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
