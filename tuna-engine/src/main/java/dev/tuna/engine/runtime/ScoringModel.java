package dev.tuna.engine.runtime;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.ConversationEncoder;
import dev.tuna.engine.chat.JinjaChatTemplate;
import dev.tuna.engine.chat.NanoChatTemplate;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.model.ModelConfig;
import dev.tuna.engine.tokenizer.HfTokenizer;
import dev.tuna.engine.tokenizer.NanoTokenizer;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A model folder opened to score token sequences: per-token negative log-likelihoods under the weights (a
 * checkpoint, nano, or an adapter on its base). Scoring ids needs only config.json and the safetensors; the
 * tokenizer and chat template are loaded when conversations are scored.
 */
public final class ScoringModel {
    private final Path dir;
    private final ModelConfig config;
    private final Function<int[], float[]> nll;
    private final Path tokenizerDir;
    private final boolean nano;
    private ConversationEncoder encoder;

    private ScoringModel(Path dir, ModelConfig config, Function<int[], float[]> nll, Path tokenizerDir, boolean nano) {
        this.dir = dir;
        this.config = config;
        this.nll = nll;
        this.tokenizerDir = tokenizerDir;
        this.nano = nano;
    }

    public static ScoringModel open(Path dir) {
        return switch (ModelFolder.kind(dir)) {
            case NANO -> {
                Llama m = Llama.load(dir);
                yield new ScoringModel(dir, m.config(), m::nll, dir, true);
            }
            case HUGGING_FACE -> {
                Llama m = Llama.load(dir);
                yield new ScoringModel(dir, m.config(), m::nll, dir, false);
            }
            case ADAPTER -> {
                Path baseDir = ModelFolder.adapterBase(dir);
                Llama base = Llama.load(baseDir);
                LoraModel adapter = LoraModel.loadAdapter(base, dir);
                yield new ScoringModel(dir, base.config(), adapter::nll, baseDir, false);
            }
        };
    }

    /**
     * nll[i] = −log p(tokens[i+1] | tokens[0..i]) for i in [0, tokens.length − 1).
     *
     * @throws TunaException for ids outside the vocabulary or a sequence longer than the context
     */
    public float[] nll(int[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= config.vocabSize()) {
                throw new TunaException("token " + (i + 1) + " is id " + tokens[i] + ", outside the vocabulary of "
                        + dir + " (0.." + (config.vocabSize() - 1) + ")");
            }
        }
        if (tokens.length > config.maxPositionEmbeddings()) {
            throw new ContextLengthException(config.maxPositionEmbeddings(), tokens.length, 0);
        }
        return nll.apply(tokens);
    }

    public ModelConfig config() {
        return config;
    }

    /** The folder's tokenizer and chat template, for scoring conversations (loaded on first use). */
    public synchronized ConversationEncoder encoder() {
        if (encoder == null) {
            if (nano) {
                encoder = new ConversationEncoder(NanoChatTemplate.INSTANCE, NanoTokenizer.load(tokenizerDir));
            } else {
                HfTokenizer tokenizer = HfTokenizer.load(tokenizerDir);
                encoder = new ConversationEncoder(JinjaChatTemplate.load(tokenizerDir, tokenizer.specialTokens()),
                        tokenizer);
            }
        }
        return encoder;
    }
}
