package dev.tuna.engine.train;

import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param completed   true when every step ran and the model was written to {@code modelDir}; false when it stopped
 *                    early on request after writing a checkpoint it can resume from
 * @param steps       optimizer steps done
 * @param epochs      the epoch count used (picked when "auto")
 * @param batchSize   the batch size used
 * @param learningRateMultiplier the multiplier used
 */
public record FineTuneResult(boolean completed, int steps, long trainedTokens, int epochs, int batchSize,
                             double learningRateMultiplier, Path modelDir) {
}
