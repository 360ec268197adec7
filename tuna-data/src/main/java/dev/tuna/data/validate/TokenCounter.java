package dev.tuna.data.validate;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts tokens with one of OpenAI's encodings (jtokkit); special-token text counts as ordinary text.
 *
 * <p>For o200k_base and cl100k_base, text is first cut into the encoding's pre-tokenization pieces by
 * {@link O200kSplitter} or {@link Cl100kSplitter} (jtokkit runs a general regex for o200k, the slowest part of counting
 * non-English text), and each distinct piece is counted by
 * jtokkit once and remembered: BPE never crosses a piece boundary, so the counts add up to jtokkit's exactly, and
 * natural text repeats its pieces (words, particles, punctuation) all the time.
 */
public final class TokenCounter {
    // Loading an encoding's ranks takes a while; the registry keeps each one once loaded.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final Map<String, Map<String, Integer>> CACHES = new ConcurrentHashMap<>();
    /** Longer pieces are rare (long numbers are cut into 3 digits) and not worth remembering. */
    private static final int MAX_CACHED_PIECE = 32;
    /** Bounds the memory of a long-running server: the cache starts over when it gets this big. */
    private static final int MAX_CACHED_PIECES = 1 << 20;

    /** Where the piece starting at an index ends, per the encoding's pre-tokenization regex. */
    private interface Splitter {
        int pieceEnd(String text, int from);
    }

    private final Encoding encoding;
    private final Splitter splitter;
    private final Map<String, Integer> cache;

    private TokenCounter(Encoding encoding) {
        this.encoding = encoding;
        this.splitter = switch (encoding.getName()) {
            case ModelProfile.O200K -> O200kSplitter::pieceEnd;
            case ModelProfile.CL100K -> Cl100kSplitter::pieceEnd;
            default -> null;
        };
        this.cache = CACHES.computeIfAbsent(encoding.getName(), name -> new ConcurrentHashMap<>());
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
        if (text.isEmpty()) {
            return 0;
        }
        if (splitter == null) {
            return encoding.countTokensOrdinary(text);
        }
        int total = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int end = splitter.pieceEnd(text, i);
            total += countPiece(text, i, end);
            i = end;
        }
        return total;
    }

    private int countPiece(String text, int from, int to) {
        if (to - from == 1 && text.charAt(from) < 0x80) {
            return 1; // every byte is a token of its own
        }
        String piece = text.substring(from, to);
        if (to - from > MAX_CACHED_PIECE) {
            return encoding.countTokensOrdinary(piece);
        }
        Integer known = cache.get(piece);
        if (known != null) {
            return known;
        }
        int count = encoding.countTokensOrdinary(piece);
        if (cache.size() >= MAX_CACHED_PIECES) {
            cache.clear();
        }
        cache.put(piece, count);
        return count;
    }

    /** jtokkit's own count, without the splitter and cache: the reference the fast path must equal. */
    int countDirectly(String text) {
        return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
    }
}
