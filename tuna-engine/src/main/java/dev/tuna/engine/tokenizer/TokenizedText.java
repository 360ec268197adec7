package dev.tuna.engine.tokenizer;

/**
 * Token ids with the character span each one came from, so that text regions (an assistant reply) map to exact
 * tokens.
 *
 * @param starts UTF-16 index in the text where token i begins
 * @param ends   UTF-16 index just past token i
 */
public record TokenizedText(int[] ids, int[] starts, int[] ends) {
    public TokenizedText {
        if (ids.length != starts.length || ids.length != ends.length) {
            throw new IllegalArgumentException("ids, starts and ends differ in length");
        }
    }

    public int size() {
        return ids.length;
    }
}
