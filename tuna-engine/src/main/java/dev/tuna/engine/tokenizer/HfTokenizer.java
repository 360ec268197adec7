package dev.tuna.engine.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SequencedSet;

/**
 * A Hugging Face {@code tokenizer.json}, run by the Rust tokenizers library through DJL's binding (its native
 * library ships inside the jar, so nothing is downloaded). Truncation and padding are off and no special tokens are
 * added: the chat template writes BOS and end-of-turn itself, so a conversation never gets a second BOS.
 */
public final class HfTokenizer implements Tokenizer, AutoCloseable {
    public static final String FILE = "tokenizer.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The native library is in the jar; never let DJL try to fetch one.
        System.setProperty("ai.djl.offline", "true");
        // DJL logs its GPU probe and platform lookup at WARN/INFO; under slf4j-simple that reaches the CLI's stderr.
        if (System.getProperty("org.slf4j.simpleLogger.log.ai.djl") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "error");
        }
    }

    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, Integer> vocab;
    private final SequencedSet<String> specialTokens;
    private final int vocabSize;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, Map<String, Integer> vocab, SequencedSet<String> specials) {
        this.tokenizer = tokenizer;
        this.vocab = vocab;
        this.specialTokens = specials;
        this.vocabSize = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    /** Loads {@code tokenizer.json} from a model folder (or the file itself). */
    public static HfTokenizer load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
        if (!Files.isRegularFile(file)) {
            throw new TunaException(file + ": not found; a Hugging Face model folder needs its tokenizer.json"
                    + " (download the whole repository with `tuna models pull`)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new TunaException(file + ": cannot read tokenizer (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
        Map<String, Integer> vocab = new HashMap<>();
        JsonNode v = root.path("model").path("vocab");
        if (v.isObject()) {
            v.properties().forEach(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        } else if (v.isArray()) {
            // Unigram models list [piece, score] pairs; the id is the index
            for (int i = 0; i < v.size(); i++) {
                vocab.put(v.get(i).path(0).asText(), i);
            }
        }
        SequencedSet<String> specials = new LinkedHashSet<>();
        for (JsonNode t : root.path("added_tokens")) {
            vocab.put(t.path("content").asText(), t.path("id").asInt());
            if (t.path("special").asBoolean(false)) {
                specials.add(t.path("content").asText());
            }
        }
        try {
            HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(file, Map.of(
                    "addSpecialTokens", "false",
                    "truncation", "false",
                    "padding", "false",
                    "maxLength", String.valueOf(Integer.MAX_VALUE / 2),
                    "modelMaxLength", String.valueOf(Integer.MAX_VALUE / 2)));
            return new HfTokenizer(hf, vocab, Collections.unmodifiableSequencedSet(specials));
        } catch (IOException | RuntimeException e) {
            throw new TunaException(file + ": the tokenizers library cannot load it (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public int[] encode(String text) {
        return toInts(tokenizer.encode(text, false, false).getIds());
    }

    @Override
    public TokenizedText encodeWithSpans(String text) {
        Encoding e = tokenizer.encode(text, false, false);
        int[] ids = toInts(e.getIds());
        CharSpan[] spans = e.getCharTokenSpans();
        // the library counts code points; Java strings index UTF-16 units (an emoji is two)
        int[] utf16At = new int[text.codePointCount(0, text.length()) + 1];
        for (int cp = 0, i = 0; i < text.length(); cp++) {
            utf16At[cp] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        utf16At[utf16At.length - 1] = text.length();
        int[] starts = new int[ids.length];
        int[] ends = new int[ids.length];
        int last = 0;
        for (int i = 0; i < ids.length; i++) {
            CharSpan s = spans[i];
            // a token without a span (none are added here, but be safe) sits where the previous one ended
            starts[i] = s == null ? last : utf16At[Math.min(s.getStart(), utf16At.length - 1)];
            ends[i] = s == null ? last : utf16At[Math.min(s.getEnd(), utf16At.length - 1)];
            last = ends[i];
        }
        return new TokenizedText(ids, starts, ends);
    }

    @Override
    public String decode(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, false);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = vocab.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The added tokens marked special, in file order (BOS, EOS, end-of-turn and the like). */
    public SequencedSet<String> specialTokens() {
        return specialTokens;
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
