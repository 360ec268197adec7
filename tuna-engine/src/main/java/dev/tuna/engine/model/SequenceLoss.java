package dev.tuna.engine.model;

/**
 * The loss of one sequence (or a sum of several).
 *
 * @param weightedNll   Σ targetWeight · negative log-likelihood over the learned positions
 * @param targetWeight  Σ targetWeight (the number of learned tokens when weights are 0/1)
 * @param correct       learned positions whose arg-max prediction was the target (token accuracy's numerator)
 * @param targets       learned positions (weight &gt; 0)
 */
public record SequenceLoss(double weightedNll, double targetWeight, int correct, int targets) {
    public static final SequenceLoss ZERO = new SequenceLoss(0, 0, 0, 0);

    public SequenceLoss plus(SequenceLoss o) {
        return new SequenceLoss(weightedNll + o.weightedNll, targetWeight + o.targetWeight, correct + o.correct,
                targets + o.targets);
    }

    public double meanLoss() {
        return targetWeight == 0 ? Double.NaN : weightedNll / targetWeight;
    }

    public double accuracy() {
        return targets == 0 ? Double.NaN : (double) correct / targets;
    }
}
