package dev.tuna.engine.train;

/**
 * OpenAI's fine-tuning hyperparameters; a null field is "auto" and the trainer picks a value from the data.
 *
 * @param epochs                 {@code n_epochs}
 * @param batchSize              {@code batch_size}: examples per optimizer step
 * @param learningRateMultiplier {@code learning_rate_multiplier}: scales the method's base learning rate
 * @param lora                   LoRA settings for checkpoint models; null means full fine-tuning (always for nano)
 */
public record Hyperparameters(Integer epochs, Integer batchSize, Double learningRateMultiplier, LoraSettings lora) {
    public static Hyperparameters auto() {
        return new Hyperparameters(null, null, null, LoraSettings.defaults());
    }
}
