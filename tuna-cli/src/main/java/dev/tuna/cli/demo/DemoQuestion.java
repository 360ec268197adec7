package dev.tuna.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A question of the prepared training file and its answer, to ask the fine-tuned model. */
record DemoQuestion(String question, String answer) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The first {@code n} examples of a chat JSONL file that {@code tuna prepare} wrote. */
    static List<DemoQuestion> first(Path jsonl, int n) throws IOException {
        List<DemoQuestion> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line; out.size() < n && (line = r.readLine()) != null; ) {
                String user = null;
                String assistant = null;
                for (JsonNode m : JSON.readTree(line).path("messages")) {
                    switch (m.path("role").asText()) {
                        case "user" -> user = m.path("content").asText();
                        case "assistant" -> assistant = m.path("content").asText();
                        default -> { }
                    }
                }
                if (user != null && assistant != null) {
                    out.add(new DemoQuestion(user, assistant));
                }
            }
        }
        DemoCommand.require(!out.isEmpty(), jsonl + " has no question and answer to ask");
        return out;
    }
}
