package dev.tuna.server.engine;

import dev.tuna.engine.runtime.ModelLoader;
import dev.tuna.engine.train.FineTuner;

/** The server's ports, served by Tuna's own engine: {@link FineTuner} trains, {@link ModelLoader} loads for chat. */
public final class Engine {
    private Engine() {
    }

    public static Trainer trainer() {
        FineTuner fineTuner = new FineTuner();
        return fineTuner::run;
    }

    /**
     * A fine-tuned model's folder names its base itself (an adapter) or holds everything (nano, full fine-tuning);
     * a base model is its checkpoint folder, or the untrained tuna-nano.
     */
    public static ModelProvider models() {
        ModelLoader loader = new ModelLoader();
        return (base, fineTuned) -> {
            if (fineTuned != null) {
                return loader.load(fineTuned);
            }
            return base == null ? loader.nanoBase() : loader.load(base);
        };
    }
}
