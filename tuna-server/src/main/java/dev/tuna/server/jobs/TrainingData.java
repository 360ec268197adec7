package dev.tuna.server.jobs;

import dev.tuna.data.TunaException;
import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.chat.ChatMessage;
import dev.tuna.data.chat.Role;
import dev.tuna.data.validate.ChatFile;
import dev.tuna.data.validate.ValidationError;
import dev.tuna.data.validate.ValidationReport;
import dev.tuna.data.validate.Validator;
import dev.tuna.engine.chat.Turn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's training and validation files: checked with {@code tuna validate}'s rules (as OpenAI checks them), then
 * read into conversations for the trainer. Tool and function calls pass OpenAI's rules but cannot be trained
 * locally; they fail the job with the line that has them.
 */
final class TrainingData {
    /** Why a file cannot be trained on: OpenAI's error code and message. */
    record Problem(String code, String message) {
    }

    private TrainingData() {
    }

    /**
     * What is wrong with the file, or null when it can be trained on.
     *
     * @param label "Training" or "Validation", for the message
     * @param minExamples fewer examples fail with {@code invalid_n_examples}
     */
    static Problem check(Path file, String label, String fileId, int minExamples) {
        ValidationReport report;
        try {
            report = Validator.validate(file, null);
        } catch (TunaException e) {
            return new Problem("invalid_file_format", label + " file " + fileId + " cannot be read: " + e.getMessage());
        }
        // The validator counts against OpenAI's minimum for training files; a validation file may have fewer.
        if (report.valid() || "invalid_n_examples".equals(report.openAiErrorCode())) {
            if (report.examples() < minExamples) {
                return new Problem("invalid_n_examples", label + " file has " + report.examples()
                        + " example(s), but must have at least " + minExamples + " examples");
            }
            try {
                read(file);
            } catch (TunaException e) {
                return new Problem("invalid_file_format", label + " file " + fileId + ": " + e.getMessage());
            }
            return null;
        }
        ValidationError first = report.errors().getFirst();
        long more = report.errorCount() - 1;
        return new Problem("invalid_file_format", label + " file " + fileId + " has an invalid format: " + first
                + (more > 0 ? " (and " + more + " more error" + (more > 1 ? "s" : "") + ")" : "") + ". " + first.fix());
    }

    /** The file's conversations, for the trainer. */
    static List<List<Turn>> read(Path file) {
        List<ChatExample> examples = ChatFile.read(file);
        List<List<Turn>> out = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            ChatExample example = examples.get(i);
            if (example.tools() != null && !example.tools().isEmpty()
                    || example.functions() != null && !example.functions().isEmpty()) {
                throw unsupported(i + 1, "defines tools or functions");
            }
            List<Turn> turns = new ArrayList<>(example.messages().size());
            for (ChatMessage m : example.messages()) {
                if (m.role() == Role.TOOL || m.role() == Role.FUNCTION || m.toolCalls() != null
                        || m.functionCall() != null) {
                    throw unsupported(i + 1, "has tool or function calls");
                }
                turns.add(new Turn(m.role().wireName(), m.content(), m.trained()));
            }
            out.add(turns);
        }
        return out;
    }

    private static TunaException unsupported(int line, String what) {
        return new TunaException("line " + line + " " + what + ", which local training does not support; remove "
                + "those examples or fine-tune them on OpenAI", TunaException.INVALID_INPUT, null);
    }
}
