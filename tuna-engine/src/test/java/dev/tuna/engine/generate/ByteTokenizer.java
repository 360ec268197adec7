package dev.tuna.engine.generate;

import dev.tuna.engine.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** Test tokenizer: one token per UTF-8 byte (ids 0–255) plus an end token 256, so Korean splits mid-character. */
final class ByteTokenizer implements Tokenizer {
    static final int END = 256;

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xff;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        var out = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 256) {
                out.write(id);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return 257;
    }

    @Override
    public OptionalInt tokenId(String token) {
        return "<end>".equals(token) ? OptionalInt.of(END) : OptionalInt.empty();
    }
}
