package dev.tuna.data.validate;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a valid file may still get wrong: things that hurt training or waste money, but that OpenAI accepts. */
public enum WarningCategory {
    EMPTY_SYSTEM_MESSAGE("empty_system_message",
            "an empty system message teaches nothing and costs tokens; remove it or write a real instruction"),
    DUPLICATE_EXAMPLE("duplicate_example",
            "duplicate examples weigh those examples double; remove them (tuna prepare --dedupe)"),
    EMPTY_ANSWER("empty_answer", "the model learns to answer with nothing but whitespace"),
    LONG_ANSWER("long_answer", "very long answers dominate the loss; check that they are meant"),
    MISSING_USER_MESSAGE("missing_user_message", "without a user message the model learns to speak unprompted"),
    NOTHING_TRAINED("nothing_trained", "every assistant message has weight 0, so the example trains nothing"),
    FEW_EXAMPLES("few_examples", "OpenAI's guide sees improvement from 50 to 100 examples"),
    UNKNOWN_MODEL("unknown_model", "token counts use o200k_base and the 65,536-token limit; no cost estimate");

    private final String wireName;
    private final String why;

    WarningCategory(String wireName, String why) {
        this.wireName = wireName;
        this.why = why;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Why it matters (or what follows from it). */
    public String why() {
        return why;
    }
}
