package dev.tuna.data.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One message of a chat fine-tuning example, with the fields OpenAI's format allows. Absent fields are
 * {@code null} and are not written.
 *
 * @param role        who speaks
 * @param content     the text; may be {@code null} only for an assistant message that calls tools or a function
 * @param name        an optional participant name
 * @param weight      assistant messages only: 0 = not trained on, 1 (or absent) = trained on
 * @param toolCalls   assistant messages only: the tools it calls
 * @param toolCallId  tool messages only: the call this message answers
 * @param functionCall assistant messages only: the (deprecated) function it calls
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"role", "content", "name", "tool_call_id", "tool_calls", "function_call", "weight"})
public record ChatMessage(
        Role role,
        String content,
        String name,
        Integer weight,
        @JsonProperty("tool_calls") List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId,
        @JsonProperty("function_call") FunctionCall functionCall) {

    public ChatMessage {
        if (role == null) {
            throw new IllegalArgumentException("a chat message needs a role");
        }
        toolCalls = toolCalls == null ? null : List.copyOf(toolCalls);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content, null, null, null, null, null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content, null, null, null, null, null);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content, null, null, null, null, null);
    }

    /** An assistant message with an explicit weight: 0 keeps it in the context but does not train on it. */
    public static ChatMessage assistant(String content, int weight) {
        return new ChatMessage(Role.ASSISTANT, content, null, weight, null, null, null);
    }

    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage(Role.TOOL, content, null, null, null, toolCallId, null);
    }

    /** Whether training learns this message: assistant messages, unless their weight is 0. */
    @JsonIgnore
    public boolean trained() {
        return role == Role.ASSISTANT && (weight == null || weight != 0);
    }
}
