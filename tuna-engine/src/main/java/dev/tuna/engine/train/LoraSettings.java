package dev.tuna.engine.train;

import java.util.List;

/**
 * LoRA adapter settings (PEFT's names). Defaults: r=8, alpha=16, dropout 0.05, every linear projection.
 *
 * @param targetModules projection names: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj
 */
public record LoraSettings(int rank, double alpha, double dropout, List<String> targetModules) {
    public static final List<String> ALL_LINEAR =
            List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

    public LoraSettings {
        if (rank < 1) {
            throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
        }
        targetModules = List.copyOf(targetModules);
        for (String m : targetModules) {
            if (!ALL_LINEAR.contains(m)) {
                throw new IllegalArgumentException("unknown LoRA target module '" + m + "'; choose from " + ALL_LINEAR);
            }
        }
    }

    public static LoraSettings defaults() {
        return new LoraSettings(8, 16, 0.05, ALL_LINEAR);
    }

    public double scaling() {
        return alpha / rank;
    }
}
