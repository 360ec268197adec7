package dev.tuna.engine.train;

/**
 * What is trained, which sets the base learning rate ({@code learning_rate_multiplier} scales it) and weight decay.
 *
 * @param baseLearningRate the peak rate at batch size 1 and multiplier 1
 */
public enum TrainingMethod {
    /** tuna-nano from random weights, every parameter: a high rate, no decay, so it memorises its answers. */
    NANO_FROM_SCRATCH(2e-3, 0.0),
    /** LoRA adapters on a frozen checkpoint (PEFT/TRL practice: 1e-4 to 2e-4). */
    LORA(1e-4, 0.0),
    /** Every weight of a pretrained checkpoint: small steps keep what it knows. */
    FULL(1e-5, 0.01);

    private final double baseLearningRate;
    private final double weightDecay;

    TrainingMethod(double baseLearningRate, double weightDecay) {
        this.baseLearningRate = baseLearningRate;
        this.weightDecay = weightDecay;
    }

    public double baseLearningRate() {
        return baseLearningRate;
    }

    public double weightDecay() {
        return weightDecay;
    }
}
