package dev.tuna.engine.model;

import java.util.List;

/**
 * A decoder whose trainable parameters learn from one token sequence at a time: the contract between the model
 * (forward and backward kernels) and the trainer (batching, AdamW, checkpoints).
 *
 * <p>Gradients accumulate ({@code +=}) into each {@link Parameter#grad()} until {@link #zeroGrad()}, so the trainer
 * runs several sequences, then one optimizer step. Frozen weights (the base of a LoRA model) are not parameters.
 */
public interface TrainableModel {
    ModelConfig config();

    /** The trainable tensors, in a fixed order (the optimizer and checkpoints rely on it). */
    List<Parameter> parameters();

    /**
     * Forward and backward over {@code tokens}. Position i predicts token i+1; {@code targetWeights[i]} (length
     * tokens.length - 1) weights that prediction's negative log-likelihood (0 = not learned, e.g. system and user
     * tokens). The gradient of {@code gradScale · Σᵢ targetWeights[i] · nllᵢ} is added to the parameters' grads;
     * the trainer passes 1 / (target weight of the whole batch) so accumulation equals one large batch.
     *
     * @param trainingRandomSeed seeds dropout (LoRA dropout); the same seed gives the same gradients
     */
    SequenceLoss forwardBackward(int[] tokens, float[] targetWeights, float gradScale, long trainingRandomSeed);

    /** The loss without gradients (validation): no dropout, parameters untouched. */
    SequenceLoss evaluate(int[] tokens, float[] targetWeights);

    void zeroGrad();
}
