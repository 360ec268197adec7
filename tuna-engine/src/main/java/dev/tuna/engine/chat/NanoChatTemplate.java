package dev.tuna.engine.chat;

import dev.tuna.data.TunaException;
import dev.tuna.engine.tokenizer.NanoTokenizer;
import java.util.List;

/**
 * tuna-nano's built-in format: each turn is its role token, the text, then {@code <|end|>}; a reply is prompted by
 * {@code <|assistant|>}. Every marker is a single special token of {@link NanoTokenizer}.
 */
public final class NanoChatTemplate implements ChatTemplate {
    public static final NanoChatTemplate INSTANCE = new NanoChatTemplate();

    private NanoChatTemplate() {
    }

    @Override
    public String render(List<Turn> turns, boolean addGenerationPrompt) {
        StringBuilder out = new StringBuilder();
        for (Turn t : turns) {
            out.append(switch (t.role()) {
                case "system" -> NanoTokenizer.SYSTEM;
                case "user" -> NanoTokenizer.USER;
                case "assistant" -> NanoTokenizer.ASSISTANT;
                default -> throw new TunaException("tuna-nano has no role \"" + t.role()
                        + "\"; use system, user or assistant", TunaException.INVALID_INPUT, null);
            });
            out.append(t.content()).append(NanoTokenizer.END_OF_TURN);
        }
        if (addGenerationPrompt) {
            out.append(NanoTokenizer.ASSISTANT);
        }
        return out.toString();
    }

    @Override
    public String endOfTurn() {
        return NanoTokenizer.END_OF_TURN;
    }
}
