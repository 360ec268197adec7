package dev.tuna.server.http;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Object ids in OpenAI's styles ({@code file-…}, {@code ftjob-…}, {@code ftevent-…}, {@code ftckpt_…}). Ids also
 * name folders on disk, so an id from a request is used only after {@link #isValid} accepted its exact shape.
 */
public final class Ids {
    public static final String FILE = "file-";
    public static final String JOB = "ftjob-";
    public static final String EVENT = "ftevent-";
    public static final String CHECKPOINT = "ftckpt_";
    public static final String CHAT = "chatcmpl-";
    public static final String REQUEST = "req_";

    private static final int LENGTH = 24;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + random(LENGTH);
    }

    /** Unguessable: object ids are the only handle on a file or job. One draw from the shared generator. */
    public static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return encode(bytes);
    }

    /** For ids that only label things (request ids): no contention on the shared secure generator. */
    public static String fast(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return encode(bytes);
    }

    private static String encode(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            // 62 symbols: the modulo bias (256 % 62 = 8) costs a fraction of a bit per character, which is fine
            out[i] = ALPHABET.charAt((bytes[i] & 0xff) % ALPHABET.length());
        }
        return new String(out);
    }

    /** True when {@code id} is {@code prefix} followed by exactly the random part this class makes. */
    public static boolean isValid(String prefix, String id) {
        return id != null && id.startsWith(prefix) && SHAPE.matcher(id.substring(prefix.length())).matches();
    }
}
