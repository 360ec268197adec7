package dev.tuna.data.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One line of an OpenAI chat fine-tuning file: {@code {"messages":[...]}}, optionally with the tools (or deprecated
 * functions) the assistant may call. Tool and function definitions are JSON schemas, kept as JSON trees.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"messages", "tools", "parallel_tool_calls", "functions"})
public record ChatExample(
        List<ChatMessage> messages,
        JsonNode tools,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        JsonNode functions) {

    public ChatExample {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat example needs at least one message");
        }
        messages = List.copyOf(messages);
    }

    public static ChatExample of(List<ChatMessage> messages) {
        return new ChatExample(messages, null, null, null);
    }

    public static ChatExample of(ChatMessage... messages) {
        return of(List.of(messages));
    }

    /**
     * The usual question-answer example: an optional system message (skipped when {@code system} is null), the
     * question as the user message, the answer as the assistant message.
     */
    public static ChatExample questionAnswer(String system, String question, String answer) {
        return system == null
                ? of(ChatMessage.user(question), ChatMessage.assistant(answer))
                : of(ChatMessage.system(system), ChatMessage.user(question), ChatMessage.assistant(answer));
    }
}
