package dev.tuna.data.validate;

/**
 * What a training run on OpenAI would bill, by the cookbook's rule: the default epoch count depends on the number
 * of examples, and each epoch bills every example's tokens up to the per-example limit.
 *
 * @param epochs              the epoch count OpenAI picks when none is given
 * @param tokensPerEpoch      billed tokens of one pass over the file
 * @param billedTokens        epochs × tokens per epoch
 * @param estimatedCostUsd    billed tokens at the model's training price, or {@code null} when the price is unknown
 */
public record CostEstimate(int epochs, long tokensPerEpoch, long billedTokens, Double estimatedCostUsd) {
    static final int TARGET_EPOCHS = 3;
    static final int MIN_TARGET_EXAMPLES = 100;
    static final int MAX_TARGET_EXAMPLES = 25_000;
    static final int MIN_DEFAULT_EPOCHS = 1;
    static final int MAX_DEFAULT_EPOCHS = 25;

    /** OpenAI's default {@code n_epochs} for a file of {@code examples} examples. */
    public static int defaultEpochs(long examples) {
        if (examples <= 0) {
            return TARGET_EPOCHS;
        }
        if (examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
            return (int) Math.min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES / examples);
        }
        if (examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
            return (int) Math.max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES / examples);
        }
        return TARGET_EPOCHS;
    }

    static CostEstimate of(long examples, long tokensPerEpoch, ModelProfile model) {
        int epochs = defaultEpochs(examples);
        long billed = epochs * tokensPerEpoch;
        Double cost = model.trainingPricePerMillion() == null ? null
                : billed / 1_000_000.0 * model.trainingPricePerMillion();
        return new CostEstimate(epochs, tokensPerEpoch, billed, cost);
    }
}
