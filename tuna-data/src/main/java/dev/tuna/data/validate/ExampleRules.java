package dev.tuna.data.validate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tuna.data.chat.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The structural rules of one OpenAI chat fine-tuning example, checked on its JSON tree. */
final class ExampleRules {
    static final Set<String> EXAMPLE_KEYS = Set.of("messages", "tools", "parallel_tool_calls", "functions");

    private static final Map<Role, Set<String>> MESSAGE_KEYS = Map.of(
            Role.SYSTEM, Set.of("role", "content", "name"),
            Role.USER, Set.of("role", "content", "name"),
            Role.ASSISTANT, Set.of("role", "content", "name", "weight", "tool_calls", "function_call", "refusal"),
            Role.TOOL, Set.of("role", "content", "tool_call_id"),
            Role.FUNCTION, Set.of("role", "content", "name"));

    private ExampleRules() {
    }

    /** Every rule {@code root} breaks, in the order met; empty when it is a well-formed example. */
    static List<Finding> check(JsonNode root) {
        List<Finding> out = new ArrayList<>(0);
        if (!root.isObject()) {
            out.add(new Finding(ErrorCategory.DATA_TYPE, "the line is " + describe(root) + ", not a JSON object"));
            return out;
        }
        checkExampleKeys(root, out);
        checkTools(root, out);
        JsonNode messages = root.get("messages");
        if (messages == null) {
            out.add(new Finding(ErrorCategory.MISSING_MESSAGES_LIST, "the example has no \"messages\" list"));
            return out;
        }
        if (!messages.isArray()) {
            out.add(new Finding(ErrorCategory.MISSING_MESSAGES_LIST,
                    "\"messages\" is " + describe(messages) + ", not a list"));
            return out;
        }
        if (messages.isEmpty()) {
            out.add(new Finding(ErrorCategory.MISSING_MESSAGES_LIST, "\"messages\" is an empty list"));
            return out;
        }
        boolean hasAssistant = false;
        Set<String> callIds = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            Optional<Role> role = checkMessage(messages.get(i), i + 1, callIds, out);
            hasAssistant |= role.isPresent() && role.get() == Role.ASSISTANT;
        }
        if (!hasAssistant) {
            out.add(new Finding(ErrorCategory.EXAMPLE_MISSING_ASSISTANT_MESSAGE,
                    "the example has no assistant message, so there is nothing to learn"));
        }
        return out;
    }

    private static void checkExampleKeys(JsonNode root, List<Finding> out) {
        for (String key : keys(root)) {
            if (EXAMPLE_KEYS.contains(key)) {
                continue;
            }
            String hint = switch (key) {
                case "prompt", "completion" -> " (this is the legacy prompt/completion format; chat models need "
                        + "{\"messages\": [...]})";
                case "input", "preferred_output", "non_preferred_output" -> " (this is the DPO preference format; "
                        + "Tuna validates supervised chat examples)";
                default -> "";
            };
            out.add(new Finding(ErrorCategory.EXAMPLE_UNRECOGNIZED_KEY, "unknown key \"" + key + "\"" + hint));
        }
        JsonNode parallel = root.get("parallel_tool_calls");
        if (parallel != null && !parallel.isBoolean()) {
            out.add(new Finding(ErrorCategory.INVALID_FIELD,
                    "\"parallel_tool_calls\" is " + describe(parallel) + ", not true or false"));
        }
    }

    private static void checkTools(JsonNode root, List<Finding> out) {
        JsonNode tools = root.get("tools");
        if (tools != null) {
            if (!tools.isArray()) {
                out.add(new Finding(ErrorCategory.INVALID_TOOLS, "\"tools\" is " + describe(tools) + ", not a list"));
            } else {
                for (int i = 0; i < tools.size(); i++) {
                    JsonNode tool = tools.get(i);
                    String where = "tool " + (i + 1);
                    if (!tool.isObject()) {
                        out.add(new Finding(ErrorCategory.INVALID_TOOLS, where + " is " + describe(tool)
                                + ", not an object"));
                    } else if (!"function".equals(text(tool.get("type")))) {
                        out.add(new Finding(ErrorCategory.INVALID_TOOLS, where + " needs \"type\": \"function\""));
                    } else {
                        checkFunctionDefinition(tool.get("function"), where + "'s \"function\"", out);
                    }
                }
            }
        }
        JsonNode functions = root.get("functions");
        if (functions != null) {
            if (!functions.isArray()) {
                out.add(new Finding(ErrorCategory.INVALID_TOOLS,
                        "\"functions\" is " + describe(functions) + ", not a list"));
            } else {
                for (int i = 0; i < functions.size(); i++) {
                    checkFunctionDefinition(functions.get(i), "function " + (i + 1), out);
                }
            }
        }
    }

    private static void checkFunctionDefinition(JsonNode function, String where, List<Finding> out) {
        if (function == null || !function.isObject()) {
            out.add(new Finding(ErrorCategory.INVALID_TOOLS, where + " must be an object with a \"name\""));
            return;
        }
        if (nonEmptyText(function.get("name")) == null) {
            out.add(new Finding(ErrorCategory.INVALID_TOOLS, where + " has no \"name\" string"));
        }
        JsonNode description = function.get("description");
        if (description != null && !description.isTextual()) {
            out.add(new Finding(ErrorCategory.INVALID_TOOLS, where + "'s \"description\" is not a string"));
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && !parameters.isObject()) {
            out.add(new Finding(ErrorCategory.INVALID_TOOLS,
                    where + "'s \"parameters\" is " + describe(parameters) + ", not a JSON schema object"));
        }
    }

    /** Checks message number {@code n}; returns its role when it has a valid one. */
    private static Optional<Role> checkMessage(JsonNode message, int n, Set<String> callIds, List<Finding> out) {
        String where = "message " + n;
        if (!message.isObject()) {
            out.add(new Finding(ErrorCategory.DATA_TYPE, where + " is " + describe(message) + ", not an object"));
            return Optional.empty();
        }
        JsonNode roleNode = message.get("role");
        if (roleNode == null) {
            out.add(new Finding(ErrorCategory.MESSAGE_MISSING_KEY, where + " has no \"role\""));
            return Optional.empty();
        }
        Optional<Role> parsed = roleNode.isTextual() ? Role.fromWireName(roleNode.textValue()) : Optional.empty();
        if (parsed.isEmpty()) {
            String hint = "developer".equals(roleNode.asText()) ? " (fine-tuning examples use \"system\" instead)" : "";
            out.add(new Finding(ErrorCategory.UNRECOGNIZED_ROLE,
                    where + " has role " + roleNode + ", which fine-tuning does not know" + hint));
            return Optional.empty();
        }
        Role role = parsed.get();
        where = where + " (" + role.wireName() + ")";
        Set<String> allowed = MESSAGE_KEYS.get(role);
        for (String key : keys(message)) {
            if (!allowed.contains(key)) {
                String hint = MESSAGE_KEYS.get(Role.ASSISTANT).contains(key) || "tool_call_id".equals(key)
                        ? ", which " + role.wireName() + " messages may not have" : ", an unknown key";
                out.add(new Finding(ErrorCategory.MESSAGE_UNRECOGNIZED_KEY, where + " has \"" + key + "\"" + hint));
            }
        }
        boolean calls = role == Role.ASSISTANT && (message.has("tool_calls") || message.has("function_call"));
        checkContent(message.get("content"), role, calls, where, out);
        JsonNode name = message.get("name");
        if (name != null && allowed.contains("name") && nonEmptyText(name) == null) {
            out.add(new Finding(ErrorCategory.INVALID_FIELD, where + "'s \"name\" is " + describe(name)
                    + ", not a non-empty string"));
        }
        if (role == Role.FUNCTION && name == null) {
            out.add(new Finding(ErrorCategory.MESSAGE_MISSING_KEY, where + " has no \"name\" of the function"));
        }
        if (role == Role.ASSISTANT) {
            checkAssistantFields(message, where, callIds, out);
        }
        if (role == Role.TOOL) {
            JsonNode id = message.get("tool_call_id");
            if (id == null) {
                out.add(new Finding(ErrorCategory.MESSAGE_MISSING_KEY, where + " has no \"tool_call_id\""));
            } else if (nonEmptyText(id) == null) {
                out.add(new Finding(ErrorCategory.INVALID_FIELD, where + "'s \"tool_call_id\" is " + describe(id)
                        + ", not a non-empty string"));
            } else if (!callIds.contains(id.textValue())) {
                out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL, where + " answers call " + id
                        + ", which no earlier assistant message made"));
            }
        }
        return parsed;
    }

    private static void checkContent(JsonNode content, Role role, boolean calls, String where, List<Finding> out) {
        if (content == null) {
            if (!calls) {
                out.add(new Finding(ErrorCategory.MESSAGE_MISSING_KEY, where + " has no \"content\""));
            }
            return;
        }
        if (content.isNull()) {
            if (!calls) {
                out.add(new Finding(ErrorCategory.MISSING_CONTENT, where + "'s \"content\" is null"));
            }
            return;
        }
        if (!content.isTextual()) {
            String hint = content.isArray() ? " (multi-part and image content is not supported here)" : "";
            out.add(new Finding(ErrorCategory.MISSING_CONTENT,
                    where + "'s \"content\" is " + describe(content) + ", not a string" + hint));
            return;
        }
        // An empty system message is legal, if useless (a warning); any other message must say something.
        if (content.textValue().isEmpty() && role != Role.SYSTEM && !calls) {
            out.add(new Finding(ErrorCategory.MISSING_CONTENT, where + "'s \"content\" is empty"));
        }
        int lone = unpairedSurrogate(content.textValue());
        if (lone >= 0) {
            char c = content.textValue().charAt(lone);
            out.add(new Finding(ErrorCategory.UNPAIRED_SURROGATE, where + "'s \"content\" has a lone "
                    + String.format("\\u%04X", (int) c) + " at character " + (lone + 1)));
        }
    }

    /**
     * The index of the first half of a surrogate pair without its other half, or -1. JSON's \\u escapes can spell
     * one (valid UTF-8 bytes cannot), and it is no character: UTF-8 encoders and tokenizers reject or mangle it.
     */
    static int unpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static void checkAssistantFields(JsonNode message, String where, Set<String> callIds, List<Finding> out) {
        JsonNode weight = message.get("weight");
        if (weight != null && !(weight.isIntegralNumber() && (weight.asLong() == 0 || weight.asLong() == 1))) {
            out.add(new Finding(ErrorCategory.INVALID_WEIGHT, where + "'s \"weight\" is " + weight
                    + "; it must be 0 or 1"));
        }
        JsonNode refusal = message.get("refusal");
        if (refusal != null && !refusal.isTextual() && !refusal.isNull()) {
            out.add(new Finding(ErrorCategory.INVALID_FIELD, where + "'s \"refusal\" is " + describe(refusal)
                    + ", not a string"));
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls != null) {
            if (!toolCalls.isArray() || toolCalls.isEmpty()) {
                out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL, where + "'s \"tool_calls\" is "
                        + describe(toolCalls) + ", not a non-empty list"));
            } else {
                for (int i = 0; i < toolCalls.size(); i++) {
                    checkToolCall(toolCalls.get(i), where + "'s tool call " + (i + 1), callIds, out);
                }
            }
        }
        JsonNode functionCall = message.get("function_call");
        if (functionCall != null) {
            checkFunctionCall(functionCall, where + "'s \"function_call\"", out);
        }
    }

    private static void checkToolCall(JsonNode call, String where, Set<String> callIds, List<Finding> out) {
        if (!call.isObject()) {
            out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL, where + " is " + describe(call) + ", not an object"));
            return;
        }
        String id = nonEmptyText(call.get("id"));
        if (id == null) {
            out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL, where + " has no \"id\" string"));
        } else {
            callIds.add(id);
        }
        if (!"function".equals(text(call.get("type")))) {
            out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL, where + " needs \"type\": \"function\""));
        }
        checkFunctionCall(call.get("function"), where + "'s \"function\"", out);
    }

    private static void checkFunctionCall(JsonNode function, String where, List<Finding> out) {
        if (function == null || !function.isObject()) {
            out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL,
                    where + " must be an object with \"name\" and \"arguments\""));
            return;
        }
        if (nonEmptyText(function.get("name")) == null) {
            out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL, where + " has no \"name\" string"));
        }
        JsonNode arguments = function.get("arguments");
        if (arguments == null || !arguments.isTextual()) {
            out.add(new Finding(ErrorCategory.INVALID_TOOL_CALL, where + "'s \"arguments\" must be a string "
                    + "holding JSON, e.g. \"{\\\"city\\\": \\\"Seoul\\\"}\""));
        }
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>(object.size());
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            keys.add(field.getKey());
        }
        return keys;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static String nonEmptyText(JsonNode node) {
        String text = text(node);
        return text == null || text.isEmpty() ? null : text;
    }

    /** "a string", "a number", "an array", ... for messages. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number (" + node + ")";
            case BOOLEAN -> "a boolean (" + node + ")";
            case NULL -> "null";
            default -> "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
