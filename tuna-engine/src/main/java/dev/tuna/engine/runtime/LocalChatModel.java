package dev.tuna.engine.runtime;

import dev.tuna.engine.chat.ChatTemplate;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.generate.GenerationParams;
import dev.tuna.engine.generate.GenerationResult;
import dev.tuna.engine.generate.Generator;
import dev.tuna.engine.generate.LanguageModel;
import dev.tuna.engine.generate.TokenListener;
import dev.tuna.engine.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link ChatModel} over the engine: the conversation goes through the chat template (with the generation
 * prompt), the tokenizer and the {@link Generator}, which stops at the template's end-of-turn token or any of the
 * model's EOS ids. Each request decodes in its own session, so requests may run at once.
 */
final class LocalChatModel implements ChatModel {
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final Generator generator;
    private final int[] endTokens;
    private final String fingerprint;
    /** Keeps a shared base loaded while this model is reachable. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final Object shared;

    /**
     * @param shared what this model shares with others (a loaded base), held so it stays loaded while in use
     */
    LocalChatModel(LanguageModel model, Tokenizer tokenizer, ChatTemplate template, int[] eosIds, String fingerprint,
                   Object shared) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.template = template;
        this.endTokens = endTokens(tokenizer, template, eosIds);
        this.generator = new Generator(model, tokenizer, endTokens);
        this.fingerprint = fingerprint;
        this.shared = shared;
    }

    private static int[] endTokens(Tokenizer tokenizer, ChatTemplate template, int[] eosIds) {
        int[] ids = Arrays.copyOf(eosIds, eosIds.length + 1);
        var eot = tokenizer.tokenId(template.endOfTurn());
        if (eot.isPresent()) {
            ids[eosIds.length] = eot.getAsInt();
            return Arrays.stream(ids).distinct().toArray();
        }
        return Arrays.stream(eosIds).distinct().toArray();
    }

    @Override
    public GenerationResult chat(List<Turn> messages, GenerationParams params, TokenListener listener) {
        int[] prompt = tokenizer.encode(template.render(messages, true));
        int context = model.contextLength();
        int requested = params.maxTokens() == null ? 1 : params.maxTokens();
        if (prompt.length + requested > context) {
            throw new ContextLengthException(context, prompt.length, params.maxTokens() == null ? 0 : requested);
        }
        return generator.generate(prompt, params, listener);
    }

    @Override
    public int promptTokens(List<Turn> messages) {
        return tokenizer.encode(template.render(messages, true)).length;
    }

    @Override
    public int contextLength() {
        return model.contextLength();
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    /** The ids that end a reply (end-of-turn and EOS). */
    int[] endTokens() {
        return endTokens.clone();
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public void close() {
        // nothing to release eagerly: a shared base is unloaded once no model refers to it
    }
}
