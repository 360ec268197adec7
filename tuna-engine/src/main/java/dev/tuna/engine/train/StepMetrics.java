package dev.tuna.engine.train;

/**
 * What one optimizer step reports (OpenAI's {@code metrics} event fields plus progress).
 *
 * @param validLoss     loss on the validation set when one is given and was evaluated at this step, else null
 * @param trainedTokens tokens processed so far (OpenAI's {@code trained_tokens})
 */
public record StepMetrics(int step, int totalSteps, double trainLoss, double trainAccuracy, Double validLoss,
                          Double validAccuracy, double learningRate, double tokensPerSecond, long trainedTokens) {
}
