package dev.tuna.data.validate;

import java.util.List;
import java.util.Locale;

/**
 * What validation needs to know about the model a file will train: its token encoding, its per-example token limit
 * and, where known, its training price.
 *
 * @param model                    the model name as given
 * @param encoding                 the tiktoken encoding OpenAI uses for it ({@code o200k_base} or {@code cl100k_base})
 * @param tokenLimit               tokens per training example
 * @param trainingPricePerMillion  US dollars per 1M trained tokens, or {@code null} when unknown
 * @param priceSource              where the price comes from (how far to trust it), or {@code null}
 * @param known                    false when the name matched no OpenAI model and the defaults were used
 */
public record ModelProfile(String model, String encoding, int tokenLimit, Double trainingPricePerMillion,
                           String priceSource, boolean known) {
    /** The model used when none is given: the smallest of OpenAI's current fine-tunable chat models. */
    public static final String DEFAULT_MODEL = "gpt-4o-mini-2024-07-18";

    static final String O200K = "o200k_base";
    static final String CL100K = "cl100k_base";
    private static final String GUIDE = "derived from the worked cost example of OpenAI's fine-tuning guide";
    private static final String UNVERIFIED = "list price, not verified: check https://openai.com/api/pricing";

    private record Family(String prefix, String encoding, int tokenLimit, Double price, String priceSource) {
    }

    // Longest prefixes first: the first match wins.
    private static final List<Family> FAMILIES = List.of(
            new Family("gpt-4o-mini", O200K, 65_536, 3.00, GUIDE),
            new Family("gpt-4o", O200K, 65_536, 25.00, UNVERIFIED),
            new Family("gpt-4.1-nano", O200K, 65_536, 1.50, UNVERIFIED),
            new Family("gpt-4.1-mini", O200K, 65_536, 5.00, UNVERIFIED),
            new Family("gpt-4.1", O200K, 65_536, 25.00, UNVERIFIED),
            new Family("gpt-3.5-turbo-0613", CL100K, 4_096, 8.00, GUIDE),
            new Family("gpt-3.5-turbo", CL100K, 16_385, 8.00, GUIDE),
            new Family("gpt-4-", CL100K, 8_192, null, null));

    /**
     * The profile of a model name: an OpenAI model or snapshot ({@code gpt-4o-mini-2024-07-18}), a fine-tuned model
     * ({@code ft:gpt-3.5-turbo-0125:org::id}, judged by its base), or anything else (a local model), which gets
     * {@code o200k_base}, 65,536 tokens and no price.
     */
    public static ModelProfile forModel(String model) {
        String name = model == null || model.isBlank() ? DEFAULT_MODEL : model.trim();
        String base = name.toLowerCase(Locale.ROOT);
        if (base.startsWith("ft:")) {
            int end = base.indexOf(':', 3);
            base = end < 0 ? base.substring(3) : base.substring(3, end);
        }
        for (Family f : FAMILIES) {
            if (base.equals(f.prefix) || base.startsWith(f.prefix.endsWith("-") ? f.prefix : f.prefix + "-")) {
                return new ModelProfile(name, f.encoding, f.tokenLimit, f.price, f.priceSource, true);
            }
        }
        return new ModelProfile(name, O200K, 65_536, null, null, false);
    }
}
