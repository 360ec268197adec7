package dev.tuna.engine.chat;

import dev.tuna.data.TunaException;
import dev.tuna.engine.tokenizer.TokenizedText;
import dev.tuna.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a conversation into tokens plus the mask of what is learned. The template renders the conversation turn by
 * turn, which locates each assistant reply (up to and including its end-of-turn text) in the full rendering;
 * the full text is tokenized once and a token is learned when it begins inside such a reply. Masks are therefore
 * exact even when the tokenizer merges characters across a turn boundary.
 */
public final class ConversationEncoder {
    private final ChatTemplate template;
    private final Tokenizer tokenizer;

    public ConversationEncoder(ChatTemplate template, Tokenizer tokenizer) {
        this.template = template;
        this.tokenizer = tokenizer;
    }

    public EncodedConversation encode(List<Turn> turns) {
        String full = template.render(turns, false);
        List<int[]> learned = new ArrayList<>();
        String endOfTurn = template.endOfTurn();
        for (int k = 0; k < turns.size(); k++) {
            Turn t = turns.get(k);
            if (!t.role().equals("assistant") || !t.learn()) {
                continue;
            }
            String prompt = template.render(turns.subList(0, k), true);
            String upTo = template.render(turns.subList(0, k + 1), false);
            if (!upTo.startsWith(prompt) || !full.startsWith(upTo)) {
                throw new TunaException("the chat template renders a conversation differently depending on what"
                        + " follows (message " + (k + 1) + "), so the reply to learn cannot be located",
                        TunaException.INVALID_INPUT, null);
            }
            String reply = upTo.substring(prompt.length());
            int eot = endOfTurn.isEmpty() ? -1 : reply.lastIndexOf(endOfTurn);
            int end = eot >= 0 ? prompt.length() + eot + endOfTurn.length() : upTo.length();
            learned.add(new int[] {prompt.length(), end});
        }
        TokenizedText tt = tokenizer.encodeWithSpans(full);
        int n = tt.size();
        float[] weights = new float[Math.max(0, n - 1)];
        for (int i = 1; i < n; i++) {
            int start = tt.starts()[i];
            for (int[] span : learned) {
                if (start >= span[0] && start < span[1]) {
                    weights[i - 1] = 1f;
                    break;
                }
            }
        }
        return new EncodedConversation(tt.ids(), weights);
    }

    /** The tokens of a prompt that asks for the next assistant reply. */
    public int[] encodePrompt(List<Turn> turns) {
        return tokenizer.encode(template.render(turns, true));
    }

    public ChatTemplate template() {
        return template;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }
}
