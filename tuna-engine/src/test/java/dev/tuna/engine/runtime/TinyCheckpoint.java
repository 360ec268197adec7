package dev.tuna.engine.runtime;

import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.ModelConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tiny Hugging Face checkpoint folder for tests: random Llama weights shaped for the ChatML test tokenizer
 * (379 tokens, {@code <|im_end|>} = 2), saved with config.json, plus that tokenizer and a SmolLM2-style template.
 */
public final class TinyCheckpoint {
    public static final int VOCAB = 379;

    private TinyCheckpoint() {
    }

    public static ModelConfig config() {
        return new ModelConfig("llama", VOCAB, 32, 48, 2, 4, 2, 8, 1e-5, 10000.0, null, true, false, 256, 1,
                new int[] {2});
    }

    public static Path write(Path dir, long seed) {
        Llama.random(config(), seed).save(dir);
        // streams, not paths: other modules read these fixtures from the engine's test jar
        for (String f : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
            try (InputStream in = TinyCheckpoint.class.getResourceAsStream("/hf/chatml/" + f)) {
                Files.copy(in, dir.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
