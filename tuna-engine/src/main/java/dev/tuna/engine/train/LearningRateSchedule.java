package dev.tuna.engine.train;

/**
 * Linear warm-up to the peak rate, then cosine decay to {@code finalFraction} of it at the last step.
 *
 * @param warmupSteps steps of linear warm-up (step 0 runs at peak/warmupSteps)
 * @param totalSteps  optimizer steps in the whole run
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double finalFraction) {
    /** The rate for optimizer step {@code step} (0-based). */
    public double at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = totalSteps - warmupSteps;
        if (decaySteps <= 1) {
            return peak;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (decaySteps - 1));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (finalFraction + (1 - finalFraction) * cosine);
    }
}
