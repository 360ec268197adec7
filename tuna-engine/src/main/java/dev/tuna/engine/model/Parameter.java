package dev.tuna.engine.model;

/**
 * One trainable tensor: its values and the gradient accumulated for them, flat and row-major, same length.
 *
 * @param name  the Hugging Face / PEFT tensor name it is saved under (e.g.
 *              {@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight})
 * @param shape the tensor's dimensions
 * @param decay whether AdamW applies weight decay to it (not to norms and biases)
 */
public record Parameter(String name, int[] shape, float[] value, float[] grad, boolean decay) {
    public Parameter {
        if (value.length != grad.length) {
            throw new IllegalArgumentException(name + ": value and grad lengths differ");
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != value.length) {
            throw new IllegalArgumentException(name + ": shape does not match " + value.length + " values");
        }
    }
}
