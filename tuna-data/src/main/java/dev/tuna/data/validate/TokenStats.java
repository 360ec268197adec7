package dev.tuna.data.validate;

/**
 * Token counts of the well-formed examples, with the model's encoding and the cookbook's counting rule
 * (3 tokens per message, the tokens of each value, 1 more per name, 3 to prime the reply).
 *
 * @param perExample   total tokens of each example
 * @param assistant    tokens of each example's assistant messages (the text that is learned)
 * @param messages     messages per example
 * @param totalTokens  the sum over all examples
 * @param overLimit    examples over the model's per-example limit
 */
public record TokenStats(Distribution perExample, Distribution assistant, Distribution messages, long totalTokens,
                         long overLimit) {
}
