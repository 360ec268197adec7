package dev.tuna.data.chat;

/**
 * A function the assistant calls: its name and its arguments as a JSON-encoded string (as OpenAI writes them).
 */
public record FunctionCall(String name, String arguments) {
}
