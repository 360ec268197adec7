package dev.tuna.cli.chat;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.ArrayList;
import java.util.List;

/** A system prompt (optional) and the turns so far; each request sends all of it. */
final class Conversation {
    private record Turn(boolean user, String text) {
    }

    private String system;
    private final List<Turn> turns = new ArrayList<>();

    Conversation(String system) {
        this.system = system;
    }

    String system() {
        return system;
    }

    void system(String prompt) {
        this.system = prompt == null || prompt.isBlank() ? null : prompt;
    }

    void user(String text) {
        turns.add(new Turn(true, text));
    }

    void assistant(String text) {
        turns.add(new Turn(false, text));
    }

    /** Drops the last user turn (after a failed request, so that it can be asked again). */
    void forgetLastUser() {
        if (!turns.isEmpty() && turns.getLast().user()) {
            turns.removeLast();
        }
    }

    void clear() {
        turns.clear();
    }

    int turns() {
        return turns.size();
    }

    ChatCompletionCreateParams params(String model, Sampling sampling) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model);
        if (system != null) {
            b.addSystemMessage(system);
        }
        for (Turn t : turns) {
            if (t.user()) {
                b.addUserMessage(t.text());
            } else {
                b.addAssistantMessage(t.text());
            }
        }
        sampling.applyTo(b);
        return b.build();
    }
}
