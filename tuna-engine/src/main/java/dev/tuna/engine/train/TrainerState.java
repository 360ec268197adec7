package dev.tuna.engine.train;

/**
 * Where a run is, as a checkpoint records it. Every random choice of the run (the epoch's shuffle, each
 * sequence's dropout) is derived from {@code seed} and the position, so seed + step restore the RNG state exactly.
 *
 * @param step          optimizer steps done
 * @param epoch         the epoch the next step belongs to (0-based)
 * @param batchInEpoch  the next step's batch within that epoch
 * @param runKey        identifies the data and plan; a checkpoint of another run is not resumed
 */
public record TrainerState(int formatVersion, int step, int totalSteps, int epoch, int batchInEpoch, long seed,
                           long trainedTokens, long optimizerSteps, String runKey) {
    public static final int FORMAT_VERSION = 1;
}
