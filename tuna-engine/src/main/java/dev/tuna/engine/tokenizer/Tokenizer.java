package dev.tuna.engine.tokenizer;

import java.util.Arrays;
import java.util.OptionalInt;

/** Text to token ids and back: a Hugging Face {@code tokenizer.json}, or tuna-nano's built-in one. */
public interface Tokenizer {
    /** Token ids of the text, adding no special tokens (chat templates place BOS and end-of-turn themselves). */
    int[] encode(String text);

    /**
     * Like {@link #encode}, with each token's character span. This fallback derives the spans by decoding growing
     * prefixes, which is right for tokenizers whose decoding of a prefix is a prefix of the text; the real
     * tokenizers override it with their own offsets.
     */
    default TokenizedText encodeWithSpans(String text) {
        int[] ids = encode(text);
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        int at = 0;
        for (int i = 0; i < ids.length; i++) {
            starts[i] = at;
            at = Math.min(text.length(), Math.max(at, decode(Arrays.copyOf(ids, i + 1)).length()));
            ends[i] = at;
        }
        return new TokenizedText(ids, starts, ends);
    }

    /** The text of the ids; special tokens are kept as their text. */
    String decode(int[] ids);

    int vocabSize();

    /** The id of a token given by its exact text (e.g. {@code "<|im_end|>"}), if the vocabulary has it. */
    OptionalInt tokenId(String token);
}
