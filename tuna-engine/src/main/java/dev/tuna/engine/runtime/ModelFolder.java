package dev.tuna.engine.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import dev.tuna.engine.chat.JinjaChatTemplate;
import dev.tuna.engine.io.HfConfig;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.tokenizer.HfTokenizer;
import dev.tuna.engine.tokenizer.NanoTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The model folders Tuna writes and reads: a Hugging Face checkpoint (config.json, safetensors, tokenizer files), a
 * tuna-nano model (the same plus {@code nano-tokenizer.json}), or a PEFT adapter with {@value #BASE_FILE} naming the
 * folder of its base.
 */
public final class ModelFolder {
    /** Names the base checkpoint folder of an adapter folder. */
    public static final String BASE_FILE = "tuna-base.json";
    /** Tokenizer files copied along with fully fine-tuned weights. */
    static final List<String> TOKENIZER_FILES = List.of(HfTokenizer.FILE, JinjaChatTemplate.CONFIG_FILE,
            JinjaChatTemplate.TEMPLATE_FILE, "special_tokens_map.json", "generation_config.json");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public enum Kind { HUGGING_FACE, NANO, ADAPTER }

    private ModelFolder() {
    }

    public static Kind kind(Path dir) {
        if (Files.isRegularFile(dir.resolve(LoraModel.CONFIG_FILE))) {
            return Kind.ADAPTER;
        }
        if (Files.isRegularFile(dir.resolve(NanoTokenizer.FILE))) {
            return Kind.NANO;
        }
        if (Files.isRegularFile(dir.resolve("config.json"))) {
            return Kind.HUGGING_FACE;
        }
        throw new TunaException(dir + ": not a model folder (no config.json, " + LoraModel.CONFIG_FILE + " or "
                + NanoTokenizer.FILE + ")");
    }

    /** tuna-nano: weights and config as a llama checkpoint, plus its tokenizer. */
    public static void writeNano(Path dir, Llama model, NanoTokenizer tokenizer) {
        model.save(dir);
        tokenizer.save(dir);
    }

    /** A PEFT adapter and the file naming its base folder (absolute, so the adapter may live anywhere). */
    public static void writeAdapter(Path dir, LoraModel adapter, Path baseDir) {
        adapter.saveAdapter(dir, baseDir.getFileName().toString());
        ObjectNode base = JSON.createObjectNode();
        base.put("base_model_dir", baseDir.toAbsolutePath().normalize().toString());
        HfConfig.writeJson(dir.resolve(BASE_FILE), base);
    }

    /** Fully fine-tuned weights of a checkpoint, with the base's tokenizer files so the folder stands alone. */
    public static void writeFull(Path dir, Llama model, Path baseDir) {
        model.save(dir);
        for (String f : TOKENIZER_FILES) {
            Path src = baseDir.resolve(f);
            if (Files.isRegularFile(src)) {
                try {
                    Files.copy(src, dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new TunaException(dir.resolve(f) + ": cannot copy the tokenizer (" + e.getMessage() + ")", e);
                }
            }
        }
    }

    /** The base folder of an adapter folder: {@value #BASE_FILE}, else PEFT's base_model_name_or_path if a folder. */
    public static Path adapterBase(Path adapterDir) {
        Path file = adapterDir.resolve(BASE_FILE);
        try {
            if (Files.isRegularFile(file)) {
                Path base = Path.of(JSON.readTree(file.toFile()).path("base_model_dir").asText());
                return adapterDir.resolve(base).normalize();
            }
            JsonNode cfg = JSON.readTree(adapterDir.resolve(LoraModel.CONFIG_FILE).toFile());
            String name = cfg.path("base_model_name_or_path").asText("");
            for (Path candidate : List.of(adapterDir.resolve(name), adapterDir.resolveSibling(name))) {
                if (!name.isEmpty() && Files.isRegularFile(candidate.resolve("config.json"))) {
                    return candidate.normalize();
                }
            }
            throw new TunaException(adapterDir + ": cannot find the adapter's base model \"" + name + "\"; put the base"
                    + " checkpoint folder next to the adapter or write " + BASE_FILE + " with {\"base_model_dir\": ...}");
        } catch (IOException e) {
            throw new TunaException(adapterDir + ": cannot read the adapter's base (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Builds a folder in a hidden sibling and moves it into place, replacing an older one, so {@code dir} is
     * always either absent or complete.
     */
    public static void writeAtomically(Path dir, Consumer<Path> writer) {
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
            AtomicFiles.writeDirectory(dir, writer::accept);
        } catch (IOException e) {
            throw new TunaException(dir + ": cannot write the model (" + e.getMessage() + ")", e);
        }
    }
}
