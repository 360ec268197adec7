package dev.tuna.engine.model;

import dev.tuna.engine.train.LoraSettings;
import java.util.List;

/**
 * The weights of one decoder layer. The seven projections are indexed in {@link LoraSettings#ALL_LINEAR} order
 * (q, k, v, o, gate, up, down) so LoRA adapters and gradients can address them uniformly.
 */
final class Layer {
    static final int Q = 0;
    static final int K = 1;
    static final int V = 2;
    static final int O = 3;
    static final int GATE = 4;
    static final int UP = 5;
    static final int DOWN = 6;
    static final int PROJECTIONS = 7;
    static final List<String> MODULES = LoraSettings.ALL_LINEAR;

    final Weight[] proj = new Weight[PROJECTIONS];
    /** q/k/v biases (Qwen2), null where absent. */
    final float[][] bias = new float[PROJECTIONS][];
    float[] attnNorm;
    float[] mlpNorm;

    /** The Hugging Face module path of a projection, e.g. {@code model.layers.3.self_attn.q_proj}. */
    static String modulePath(int layer, int module) {
        String group = module <= O ? "self_attn" : "mlp";
        return "model.layers." + layer + "." + group + "." + MODULES.get(module);
    }

    /** [out, in] of each projection. */
    static int[] shape(ModelConfig c, int module) {
        return switch (module) {
            case Q -> new int[] {c.qDim(), c.hiddenSize()};
            case K, V -> new int[] {c.kvDim(), c.hiddenSize()};
            case O -> new int[] {c.hiddenSize(), c.qDim()};
            case GATE, UP -> new int[] {c.intermediateSize(), c.hiddenSize()};
            case DOWN -> new int[] {c.hiddenSize(), c.intermediateSize()};
            default -> throw new IllegalArgumentException("module " + module);
        };
    }

    static boolean hasBias(ModelConfig c, int module) {
        return c.attentionBias() && module <= V;
    }
}
