package dev.tuna.data.chat;

/** One tool call of an assistant message; a later {@code tool} message answers it by {@link #id()}. */
public record ToolCall(String id, String type, FunctionCall function) {
    public static ToolCall function(String id, String name, String arguments) {
        return new ToolCall(id, "function", new FunctionCall(name, arguments));
    }
}
