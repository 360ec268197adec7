package dev.tuna.data.validate;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;

/** Counts tokens with one of OpenAI's encodings (jtokkit); special-token text counts as ordinary text. */
public final class TokenCounter {
    // Loading an encoding's ranks takes a while; the registry keeps each one once loaded.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final Encoding encoding;

    private TokenCounter(Encoding encoding) {
        this.encoding = encoding;
    }

    /** A counter for an encoding name such as {@code o200k_base} or {@code cl100k_base}. */
    public static TokenCounter forEncoding(String name) {
        return new TokenCounter(REGISTRY.getEncoding(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown token encoding " + name)));
    }

    public static TokenCounter forModel(ModelProfile model) {
        return forEncoding(model.encoding());
    }

    public String encoding() {
        return encoding.getName();
    }

    public int count(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }
}
