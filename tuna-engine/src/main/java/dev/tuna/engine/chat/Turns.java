package dev.tuna.engine.chat;

import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/** Chat examples of the data layer as the engine's turns. */
public final class Turns {
    private Turns() {
    }

    /**
     * The example's messages as turns: the role's wire name, the text (empty for a tool-calling message without
     * content), and whether it is learned (assistant messages whose {@code weight} is not 0).
     */
    public static List<Turn> of(ChatExample example) {
        List<Turn> out = new ArrayList<>(example.messages().size());
        for (ChatMessage m : example.messages()) {
            out.add(new Turn(m.role().wireName(), m.content() == null ? "" : m.content(), m.trained()));
        }
        return out;
    }
}
