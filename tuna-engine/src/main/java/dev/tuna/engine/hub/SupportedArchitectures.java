package dev.tuna.engine.hub;

import java.util.List;

/** The Hugging Face {@code model_type}s the engine runs: Llama-family decoders. */
final class SupportedArchitectures {
    static final List<String> MODEL_TYPES = List.of("llama", "qwen2", "mistral");

    private SupportedArchitectures() {
    }
}
