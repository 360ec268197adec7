package dev.tuna.engine.runtime;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.JinjaChatTemplate;
import dev.tuna.engine.chat.NanoChatTemplate;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.model.ModelConfig;
import dev.tuna.engine.model.Nano;
import dev.tuna.engine.tokenizer.HfTokenizer;
import dev.tuna.engine.tokenizer.NanoTokenizer;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads {@link ChatModel}s from model folders (see {@link ModelFolder}): a Hugging Face checkpoint, a tuna-nano
 * folder, or an adapter on top of its base. Adapters of the same base share one loaded copy of it (weights,
 * tokenizer, template) for as long as any of them is in use. Thread-safe.
 */
public final class ModelLoader {
    /** The name of the built-in, untrained base model. */
    public static final String NANO_BASE = "tuna-nano";
    /** The untrained tuna-nano's weights are always drawn from this seed, so its answers are reproducible. */
    public static final long NANO_BASE_SEED = 0;

    /** A loaded checkpoint that adapters share. */
    private record Base(Llama llama, HfTokenizer tokenizer, JinjaChatTemplate template, String digest) {
    }

    private final Map<Path, WeakReference<Base>> bases = new HashMap<>();

    /** Loads the model in {@code dir}. */
    public ChatModel load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TunaException(dir + ": no such model folder");
        }
        return switch (ModelFolder.kind(dir)) {
            case NANO -> loadNano(dir);
            case HUGGING_FACE -> {
                Base b = base(dir);
                yield new LocalChatModel(b.llama().languageModel(), b.tokenizer(), b.template(),
                        b.llama().config().eosTokenIds(), Fingerprint.of(b.digest()), b);
            }
            case ADAPTER -> {
                Base b = base(ModelFolder.adapterBase(dir));
                LoraModel adapter = LoraModel.loadAdapter(b.llama(), dir);
                yield new LocalChatModel(adapter.languageModel(), b.tokenizer(), b.template(),
                        b.llama().config().eosTokenIds(), Fingerprint.of(b.digest(), Fingerprint.ofFolder(dir)), b);
            }
        };
    }

    /** The built-in tuna-nano before any training: seeded random weights and the byte-level tokenizer. */
    public ChatModel nanoBase() {
        NanoTokenizer tokenizer = NanoTokenizer.byteLevel();
        ModelConfig config = nanoConfig(tokenizer);
        Llama llama = Llama.random(config, NANO_BASE_SEED);
        return new LocalChatModel(llama.languageModel(), tokenizer, NanoChatTemplate.INSTANCE, config.eosTokenIds(),
                Fingerprint.of(NANO_BASE + " seed=" + NANO_BASE_SEED + " vocab=" + tokenizer.vocabSize()), null);
    }

    /** tuna-nano's config for a tokenizer: generation ends at end-of-turn or end-of-text. */
    public static ModelConfig nanoConfig(NanoTokenizer tokenizer) {
        return Nano.config(tokenizer.vocabSize(), -1, tokenizer.tokenId(NanoTokenizer.END_OF_TURN).getAsInt(),
                tokenizer.tokenId(NanoTokenizer.END_OF_TEXT).getAsInt());
    }

    private static ChatModel loadNano(Path dir) {
        NanoTokenizer tokenizer = NanoTokenizer.load(dir);
        Llama llama = Llama.load(dir);
        if (llama.config().vocabSize() < tokenizer.vocabSize()) {
            throw new TunaException(dir + ": the weights have " + llama.config().vocabSize()
                    + " token rows but the tokenizer has " + tokenizer.vocabSize() + " tokens; the folder is damaged");
        }
        return new LocalChatModel(llama.languageModel(), tokenizer, NanoChatTemplate.INSTANCE,
                llama.config().eosTokenIds(), Fingerprint.of(Fingerprint.ofFolder(dir)), null);
    }

    private synchronized Base base(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        WeakReference<Base> ref = bases.get(key);
        Base b = ref == null ? null : ref.get();
        if (b == null) {
            HfTokenizer tokenizer = HfTokenizer.load(key);
            JinjaChatTemplate template = JinjaChatTemplate.load(key, tokenizer.specialTokens());
            b = new Base(Llama.load(key), tokenizer, template, Fingerprint.ofFolder(key));
            bases.put(key, new WeakReference<>(b));
        }
        return b;
    }

    /** Loaded bases still in use (for tests and the server's status page). */
    public synchronized int loadedBases() {
        bases.values().removeIf(r -> r.get() == null);
        return bases.size();
    }
}
