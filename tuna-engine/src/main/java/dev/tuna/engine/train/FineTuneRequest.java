package dev.tuna.engine.train;

import dev.tuna.engine.chat.Turn;
import java.nio.file.Path;
import java.util.List;

/**
 * A fine-tuning run, as the server's worker asks for it.
 *
 * @param baseModel   {@code null} for tuna-nano, else a Hugging Face checkpoint folder
 * @param training    the training conversations
 * @param validation  validation conversations (may be empty)
 * @param seed        seeds initialisation, shuffling and dropout: the same request trains the same weights
 * @param workDir     holds checkpoints; a run that finds one there resumes from it bit-exactly
 * @param outputDir   where the finished model is written (an adapter folder, or full weights for nano), loadable
 *                    by {@link dev.tuna.engine.runtime.ModelLoader}
 */
public record FineTuneRequest(Path baseModel, List<List<Turn>> training, List<List<Turn>> validation,
                              Hyperparameters hyperparameters, long seed, Path workDir, Path outputDir) {
    public FineTuneRequest {
        training = List.copyOf(training);
        validation = List.copyOf(validation);
    }
}
