package dev.tuna.data.prepare;

import dev.tuna.data.chat.ChatExample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, question by question, what is written: builds the example with the template, skips (and counts) what
 * cannot be an example, finds repeated user messages and drops them with {@code dedupe}, stops at the limit.
 * Deterministic, so two passes over the same input select the same examples.
 */
final class ExampleSelector {
    static final String SKIP_UNANSWERABLE = "unanswerable (no answer in the input; --refusal TEXT keeps them)";
    static final String SKIP_EMPTY_QUESTION = "empty question";
    static final String SKIP_EMPTY_ANSWER = "empty answer";
    static final String SKIP_DUPLICATE = "duplicate question (--dedupe)";

    private final PrepareOptions options;
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    // Only a 64-bit hash of each user message is kept, so memory stays small on big inputs.
    private final Map<Long, String> firstIdOfMessage = new HashMap<>();
    private final Map<Long, Duplicate> duplicates = new LinkedHashMap<>();
    private long read;
    private long selected;

    ExampleSelector(PrepareOptions options) {
        this.options = options;
    }

    /** Whether the limit has been reached: nothing more will be selected. */
    boolean full() {
        return options.limit() > 0 && selected >= options.limit();
    }

    /** The example for {@code c}, or {@code null} when it is skipped (and counted). */
    ChatExample select(Candidate c) {
        read++;
        if (c.question().isEmpty()) {
            return skip(SKIP_EMPTY_QUESTION);
        }
        String answer = c.answer();
        if (answer == null) {
            if (options.refusal() == null) {
                return skip(SKIP_UNANSWERABLE);
            }
            answer = options.refusal();
        }
        if (answer.isEmpty()) {
            return skip(SKIP_EMPTY_ANSWER);
        }
        String user = options.template().userMessage(c.question(), c.context());
        long hash = hash(user);
        String first = firstIdOfMessage.putIfAbsent(hash, c.id());
        if (first != null) {
            duplicates.computeIfAbsent(hash, h -> new Duplicate(c.question(), List.of(first)));
            Duplicate d = duplicates.get(hash);
            List<String> ids = new ArrayList<>(d.ids());
            ids.add(c.id());
            duplicates.put(hash, new Duplicate(d.text(), ids));
            if (options.dedupe()) {
                return skip(SKIP_DUPLICATE);
            }
        }
        selected++;
        return ChatExample.questionAnswer(options.system(), user, answer);
    }

    private ChatExample skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
        return null;
    }

    long read() {
        return read;
    }

    long selected() {
        return selected;
    }

    Map<String, Long> skipped() {
        return skipped;
    }

    List<Duplicate> duplicates() {
        return List.copyOf(duplicates.values());
    }

    /** 64-bit FNV-1a over the UTF-8 bytes: collisions are negligible for any realistic dataset. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
