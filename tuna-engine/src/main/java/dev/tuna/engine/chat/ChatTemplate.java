package dev.tuna.engine.chat;

import java.util.List;

/**
 * Renders a conversation into the exact prompt text a model was trained on: a Hugging Face Jinja
 * {@code chat_template}, or tuna-nano's built-in format.
 */
public interface ChatTemplate {
    /**
     * The text of the conversation. With {@code addGenerationPrompt}, it ends where the next assistant reply begins.
     * Includes the BOS text when the template writes one.
     */
    String render(List<Turn> turns, boolean addGenerationPrompt);

    /** The text that closes an assistant turn (e.g. {@code "<|im_end|>"} or {@code "<|eot_id|>"}); it is trained. */
    String endOfTurn();
}
