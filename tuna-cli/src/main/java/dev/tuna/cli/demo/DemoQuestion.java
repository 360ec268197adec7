package dev.tuna.cli.demo;

import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.chat.ChatMessage;
import dev.tuna.data.chat.Role;
import dev.tuna.data.validate.ChatFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A question of the prepared training file and its answer, to ask the fine-tuned model. */
record DemoQuestion(String question, String answer) {

    /** The first {@code n} examples of a chat JSONL file that {@code tuna prepare} wrote. */
    static List<DemoQuestion> first(Path jsonl, int n) {
        List<DemoQuestion> out = new ArrayList<>();
        for (ChatExample example : ChatFile.read(jsonl)) {
            String user = lastContent(example, Role.USER);
            String assistant = lastContent(example, Role.ASSISTANT);
            if (user != null && assistant != null && out.size() < n) {
                out.add(new DemoQuestion(user, assistant));
            }
        }
        DemoCommand.require(!out.isEmpty(), jsonl + " has no question and answer to ask");
        return out;
    }

    private static String lastContent(ChatExample example, Role role) {
        String content = null;
        for (ChatMessage m : example.messages()) {
            if (m.role() == role && m.content() != null) {
                content = m.content();
            }
        }
        return content;
    }
}
