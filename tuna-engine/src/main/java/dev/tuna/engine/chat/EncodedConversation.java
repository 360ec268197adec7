package dev.tuna.engine.chat;

/**
 * A conversation as training sees it: its tokens and, for each position i, the weight of predicting token i+1
 * (1 on assistant replies that are learned and their end-of-turn token, 0 elsewhere).
 */
public record EncodedConversation(int[] tokens, float[] targetWeights) {
    public EncodedConversation {
        if (tokens.length > 0 && targetWeights.length != tokens.length - 1) {
            throw new IllegalArgumentException("targetWeights must have tokens.length - 1 entries");
        }
    }

    /** Σ targetWeights: the learned tokens. */
    public double targetWeight() {
        double s = 0;
        for (float w : targetWeights) {
            s += w;
        }
        return s;
    }

    public int length() {
        return tokens.length;
    }
}
