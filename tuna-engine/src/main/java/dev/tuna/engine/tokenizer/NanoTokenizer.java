package dev.tuna.engine.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.engine.io.HfConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * tuna-nano's tokenizer, which needs no files: a few special tokens, the 256 bytes, and one token per non-ASCII
 * character seen in the training data (Hangul syllables, mostly). Text is one token per character where it can be,
 * and falls back to UTF-8 bytes for anything unseen, so every string encodes and decodes exactly. The same texts
 * always give the same vocabulary. It is saved as a small JSON file next to nano's weights.
 */
public final class NanoTokenizer implements Tokenizer {
    public static final String FILE = "nano-tokenizer.json";
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final String SYSTEM = "<|system|>";
    public static final String USER = "<|user|>";
    public static final String ASSISTANT = "<|assistant|>";
    public static final String END_OF_TURN = "<|end|>";
    /** Fixed ids 0..4; bytes follow, then characters. */
    public static final List<String> SPECIAL_TOKENS = List.of(END_OF_TEXT, SYSTEM, USER, ASSISTANT, END_OF_TURN);
    /** More characters than this keep only the most frequent ones; the rest are spelled in bytes. */
    public static final int MAX_CHARACTERS = 4096;

    private static final int BYTE_BASE = SPECIAL_TOKENS.size();
    private static final int CHAR_BASE = BYTE_BASE + 256;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final int[] characters;
    private final Map<Integer, Integer> charIds = new HashMap<>();

    private NanoTokenizer(int[] characters) {
        this.characters = characters;
        for (int i = 0; i < characters.length; i++) {
            charIds.put(characters[i], CHAR_BASE + i);
        }
    }

    /** Bytes and special tokens only: the vocabulary of the untrained base model. */
    public static NanoTokenizer byteLevel() {
        return new NanoTokenizer(new int[0]);
    }

    /** A vocabulary with a token for each non-ASCII character of the texts (the most frequent, if too many). */
    public static NanoTokenizer fromTexts(Iterable<String> texts) {
        Map<Integer, Long> counts = new HashMap<>();
        for (String t : texts) {
            t.codePoints().filter(c -> c > 0x7F).forEach(c -> counts.merge(c, 1L, Long::sum));
        }
        int[] chars = counts.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(a.getKey(), b.getKey())
                        : Long.compare(b.getValue(), a.getValue()))
                .limit(MAX_CHARACTERS)
                .mapToInt(Map.Entry::getKey)
                .sorted()
                .toArray();
        return new NanoTokenizer(chars);
    }

    public static NanoTokenizer load(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!"tuna-nano".equals(root.path("type").asText())
                    || !SPECIAL_TOKENS.equals(JSON.convertValue(root.path("special_tokens"), List.class))) {
                throw new TunaException(file + ": not a tuna-nano tokenizer (type or special tokens differ)");
            }
            return new NanoTokenizer(root.path("characters").asText().codePoints().toArray());
        } catch (IOException e) {
            throw new TunaException(file + ": cannot read the tuna-nano tokenizer (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@value #FILE} into the folder, atomically. */
    public void save(Path dir) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "tuna-nano");
        root.putPOJO("special_tokens", SPECIAL_TOKENS);
        root.put("characters", new String(characters, 0, characters.length));
        HfConfig.writeJson(dir.resolve(FILE), root);
    }

    @Override
    public int[] encode(String text) {
        return encodeWithSpans(text).ids();
    }

    @Override
    public TokenizedText encodeWithSpans(String text) {
        int n = text.length();
        int[] ids = new int[n * 4];
        int[] starts = new int[n * 4];
        int[] ends = new int[n * 4];
        int count = 0;
        int i = 0;
        while (i < n) {
            int special = specialAt(text, i);
            if (special >= 0) {
                int end = i + SPECIAL_TOKENS.get(special).length();
                ids[count] = special;
                starts[count] = i;
                ends[count++] = end;
                i = end;
                continue;
            }
            int cp = text.codePointAt(i);
            int end = i + Character.charCount(cp);
            Integer id = charIds.get(cp);
            if (id != null) {
                ids[count] = id;
                starts[count] = i;
                ends[count++] = end;
            } else {
                for (byte b : text.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    ids[count] = BYTE_BASE + (b & 0xFF);
                    starts[count] = i;
                    ends[count++] = end;
                }
            }
            i = end;
        }
        return new TokenizedText(Arrays.copyOf(ids, count), Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }

    private static int specialAt(String text, int i) {
        if (!text.startsWith("<|", i)) {
            return -1;
        }
        for (int s = 0; s < SPECIAL_TOKENS.size(); s++) {
            if (text.startsWith(SPECIAL_TOKENS.get(s), i)) {
                return s;
            }
        }
        return -1;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id >= BYTE_BASE && id < CHAR_BASE) {
                bytes.write(id - BYTE_BASE);
                continue;
            }
            flush(bytes, out);
            if (id >= 0 && id < BYTE_BASE) {
                out.append(SPECIAL_TOKENS.get(id));
            } else if (id >= CHAR_BASE && id < CHAR_BASE + characters.length) {
                out.appendCodePoint(characters[id - CHAR_BASE]);
            } else {
                out.append('\uFFFD'); // an id outside the vocabulary (an untrained model's padding rows)
            }
        }
        flush(bytes, out);
        return out.toString();
    }

    private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
        if (bytes.size() > 0) {
            out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
            bytes.reset();
        }
    }

    @Override
    public int vocabSize() {
        return CHAR_BASE + characters.length;
    }

    @Override
    public OptionalInt tokenId(String token) {
        int s = SPECIAL_TOKENS.indexOf(token);
        if (s >= 0) {
            return OptionalInt.of(s);
        }
        if (token.codePointCount(0, token.length()) == 1) {
            int cp = token.codePointAt(0);
            Integer id = charIds.get(cp);
            if (id != null) {
                return OptionalInt.of(id);
            }
            if (cp <= 0x7F) {
                return OptionalInt.of(BYTE_BASE + cp);
            }
        }
        return OptionalInt.empty();
    }

    /** The characters with their own token, in id order. */
    public int characterCount() {
        return characters.length;
    }
}
