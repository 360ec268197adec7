package dev.tuna.server.engine;

import dev.tuna.engine.runtime.ChatModel;
import java.nio.file.Path;

/** What chat needs from the engine: a loaded model for a base checkpoint, optionally with a fine-tuned result. */
@FunctionalInterface
public interface ModelProvider {
    /**
     * @param base      a Hugging Face checkpoint folder, or {@code null} for tuna-nano
     * @param fineTuned the output folder of a fine-tuning run on {@code base}, or {@code null} for the base itself
     */
    ChatModel load(Path base, Path fineTuned) throws Exception;
}
