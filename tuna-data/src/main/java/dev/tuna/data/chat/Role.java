package dev.tuna.data.chat;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/** The roles a message of an OpenAI chat fine-tuning example may have. */
public enum Role {
    SYSTEM("system"),
    USER("user"),
    ASSISTANT("assistant"),
    /** The result of a tool call ({@code tool_call_id} names the call). */
    TOOL("tool"),
    /** The result of a deprecated function call. */
    FUNCTION("function");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The role as it is written in JSON: {@code "system"}, {@code "user"}, ... */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        for (Role role : values()) {
            if (role.wireName.equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
