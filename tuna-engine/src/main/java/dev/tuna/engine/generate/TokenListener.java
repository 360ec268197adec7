package dev.tuna.engine.generate;

/** Receives generated text as it becomes certain (whole characters, no stop sequence), for streaming. */
@FunctionalInterface
public interface TokenListener {
    void onText(int choice, String text);

    TokenListener NONE = (choice, text) -> { };
}
