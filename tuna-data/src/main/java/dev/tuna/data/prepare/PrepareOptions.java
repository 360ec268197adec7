package dev.tuna.data.prepare;

/**
 * How a dataset becomes chat examples.
 *
 * @param template     how the user message is built
 * @param system       the system message of every example, or {@code null} for none (an empty string is written
 *                     as an empty system message, as the tutorial does)
 * @param dedupe       drop examples whose user message repeats an earlier one (otherwise they are kept and listed)
 * @param limit        write at most this many examples (0: no limit)
 * @param valFraction  the share of examples for the validation file (0: no split)
 * @param seed         seeds the split: the same seed and input give the same split
 * @param splitBy      what is kept together on one side of the split (datasets with paragraphs only)
 * @param refusal      the answer for unanswerable (SQuAD v2.0) questions, or {@code null} to skip them
 */
public record PrepareOptions(Template template, String system, boolean dedupe, long limit, double valFraction,
                             long seed, SplitUnit splitBy, String refusal) {
    public PrepareOptions {
        if (template == null) {
            template = Template.CLOSED;
        }
        if (splitBy == null) {
            splitBy = SplitUnit.ARTICLE;
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (none) or positive");
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be at least 0 and below 1");
        }
    }

    public static PrepareOptions defaults() {
        return new PrepareOptions(Template.CLOSED, null, false, 0, 0, 0, SplitUnit.ARTICLE, null);
    }

    public PrepareOptions withTemplate(Template t) {
        return new PrepareOptions(t, system, dedupe, limit, valFraction, seed, splitBy, refusal);
    }

    public PrepareOptions withSystem(String s) {
        return new PrepareOptions(template, s, dedupe, limit, valFraction, seed, splitBy, refusal);
    }

    public PrepareOptions withDedupe(boolean d) {
        return new PrepareOptions(template, system, d, limit, valFraction, seed, splitBy, refusal);
    }

    public PrepareOptions withLimit(long l) {
        return new PrepareOptions(template, system, dedupe, l, valFraction, seed, splitBy, refusal);
    }

    public PrepareOptions withSplit(double fraction, long s, SplitUnit unit) {
        return new PrepareOptions(template, system, dedupe, limit, fraction, s, unit, refusal);
    }

    public PrepareOptions withRefusal(String r) {
        return new PrepareOptions(template, system, dedupe, limit, valFraction, seed, splitBy, r);
    }

    boolean splits() {
        return valFraction > 0;
    }
}
