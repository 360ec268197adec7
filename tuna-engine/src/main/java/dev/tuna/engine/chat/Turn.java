package dev.tuna.engine.chat;

/**
 * One message of a conversation as the engine sees it.
 *
 * @param role    "system", "user" or "assistant"
 * @param content the message text
 * @param learn   whether training learns this message's tokens (assistant messages whose OpenAI {@code weight}
 *                is not 0); system and user turns only condition the model
 */
public record Turn(String role, String content, boolean learn) {
    public static Turn system(String content) {
        return new Turn("system", content, false);
    }

    public static Turn user(String content) {
        return new Turn("user", content, false);
    }

    public static Turn assistant(String content) {
        return new Turn("assistant", content, true);
    }
}
