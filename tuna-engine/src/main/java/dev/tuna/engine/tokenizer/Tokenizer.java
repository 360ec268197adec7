package dev.tuna.engine.tokenizer;

import java.util.OptionalInt;

/** Text to token ids and back: a Hugging Face {@code tokenizer.json}, or tuna-nano's built-in one. */
public interface Tokenizer {
    /** Token ids of the text, adding no special tokens (chat templates place BOS and end-of-turn themselves). */
    int[] encode(String text);

    /** The text of the ids; special tokens are kept as their text. */
    String decode(int[] ids);

    int vocabSize();

    /** The id of a token given by its exact text (e.g. {@code "<|im_end|>"}), if the vocabulary has it. */
    OptionalInt tokenId(String token);
}
