package dev.tuna.data.validate;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What kind of rule a line breaks. The first seven are the categories of OpenAI's cookbook validator (same names);
 * the rest are Tuna's own, for what the cookbook does not check or cannot even read.
 */
public enum ErrorCategory {
    DATA_TYPE("data_type", "Each line must be one JSON object: {\"messages\": [...]}."),
    MISSING_MESSAGES_LIST("missing_messages_list",
            "Give the example a non-empty \"messages\" list: {\"messages\": [{\"role\": \"user\", ...}, ...]}."),
    MESSAGE_MISSING_KEY("message_missing_key", "Every message needs \"role\" and \"content\"."),
    MESSAGE_UNRECOGNIZED_KEY("message_unrecognized_key",
            "Remove the key, or check its spelling; the keys allowed depend on the role."),
    UNRECOGNIZED_ROLE("unrecognized_role", "Use one of the roles system, user, assistant, tool, function."),
    MISSING_CONTENT("missing_content", "Give the message its text as a non-empty string in \"content\"."),
    EXAMPLE_MISSING_ASSISTANT_MESSAGE("example_missing_assistant_message",
            "Add the answer you want the model to learn as an assistant message."),

    INVALID_JSON("invalid_json", "Make the line one complete JSON object (check quotes, commas and brackets)."),
    ENCODING("encoding", "Save the file as UTF-8 without a byte order mark."),
    UNPAIRED_SURROGATE("unpaired_surrogate",
            "Fix the \\u escape: \\uD800-\\uDFFF are halves of one character and must come as a pair (high, then"
                    + " low); a lone half is not text and cannot be tokenized. This usually comes from text cut in"
                    + " the middle of an emoji."),
    BINARY_FILE("binary_file", "Give a JSONL text file: one JSON object per line, UTF-8."),
    BLANK_LINE("blank_line", "Delete the empty line: every line must hold one example."),
    LINE_TOO_LONG("line_too_long", "Shorten the example or split it; no model's token limit allows a line this long."),
    EXAMPLE_UNRECOGNIZED_KEY("example_unrecognized_key",
            "An example may only have \"messages\", \"tools\", \"parallel_tool_calls\" and \"functions\"."),
    INVALID_WEIGHT("invalid_weight", "Set \"weight\" to 0 (do not train on this message) or 1 (train on it)."),
    INVALID_FIELD("invalid_field", "Give the field the type OpenAI's format expects."),
    INVALID_TOOL_CALL("invalid_tool_call",
            "Tool calls look like {\"id\": \"call_1\", \"type\": \"function\", \"function\": {\"name\": ..., "
                    + "\"arguments\": \"{...}\"}}, and a tool message answers one by its \"tool_call_id\"."),
    INVALID_TOOLS("invalid_tools",
            "\"tools\" is a list of {\"type\": \"function\", \"function\": {\"name\": ..., \"parameters\": {...}}}; "
                    + "\"functions\" a list of {\"name\": ..., \"parameters\": {...}}."),
    TOO_MANY_TOKENS("too_many_tokens",
            "Shorten the example or split it: OpenAI cuts tokens off the end, which removes the answer."),
    TOO_FEW_EXAMPLES("too_few_examples",
            "Add examples: OpenAI refuses fewer than 10 (invalid_n_examples) and recommends starting with 50.");

    private final String wireName;
    private final String fix;

    ErrorCategory(String wireName, String fix) {
        this.wireName = wireName;
        this.fix = fix;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The usual way to fix an error of this kind. */
    public String fix() {
        return fix;
    }
}
