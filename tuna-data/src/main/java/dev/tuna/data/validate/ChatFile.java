package dev.tuna.data.validate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.jsonl.JsonlLine;
import dev.tuna.data.jsonl.JsonlReader;
import dev.tuna.data.jsonl.Jsonl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a chat fine-tuning file into memory, for training. It applies the same format rules as {@link Validator}
 * (without token counting) and stops at the first broken one: validate a file first to see all its problems.
 */
public final class ChatFile {
    private ChatFile() {
    }

    /**
     * The examples of {@code file}, in order.
     *
     * @throws TunaException exit code 1 naming the line and the fix when a line breaks a rule; exit code 2 when the
     *                       file cannot be read
     */
    public static List<ChatExample> read(Path file) {
        List<ChatExample> examples = new ArrayList<>();
        try (JsonlReader reader = JsonlReader.open(file)) {
            if (reader.hadByteOrderMark()) {
                throw bad(file, 1, new Finding(ErrorCategory.ENCODING, "the file starts with a UTF-8 byte order mark"));
            }
            for (JsonlLine line = reader.next(); line != null; line = reader.next()) {
                if (line.problem() != null) {
                    throw bad(file, line.number(), new Finding(switch (line.problem().kind()) {
                        case BINARY -> ErrorCategory.BINARY_FILE;
                        case INVALID_UTF8 -> ErrorCategory.ENCODING;
                        case TOO_LONG -> ErrorCategory.LINE_TOO_LONG;
                    }, "the line cannot be read as UTF-8 JSON text"));
                }
                if (line.isBlank()) {
                    throw bad(file, line.number(), new Finding(ErrorCategory.BLANK_LINE, "the line is blank"));
                }
                JsonNode root;
                try {
                    root = Jsonl.MAPPER.readTree(line.text());
                } catch (JacksonException e) {
                    throw bad(file, line.number(), new Finding(ErrorCategory.INVALID_JSON, "the line is not valid JSON"));
                }
                List<Finding> findings = ExampleRules.check(root);
                if (!findings.isEmpty()) {
                    throw bad(file, line.number(), findings.getFirst());
                }
                try {
                    examples.add(Jsonl.MAPPER.treeToValue(root, ChatExample.class));
                } catch (JacksonException | IllegalArgumentException e) {
                    throw bad(file, line.number(), new Finding(ErrorCategory.DATA_TYPE, e.getMessage()));
                }
            }
        }
        return examples;
    }

    private static TunaException bad(Path file, long line, Finding finding) {
        return new TunaException(file + " line " + line + ": " + finding.category().wireName() + ": "
                + finding.message() + ". " + finding.fix() + " (run 'tuna validate " + file + "' for every problem)",
                TunaException.INVALID_INPUT, null);
    }
}
