package dev.tuna.server.http;

import java.security.SecureRandom;
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

    public static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** True when {@code id} is {@code prefix} followed by exactly the random part this class makes. */
    public static boolean isValid(String prefix, String id) {
        return id != null && id.startsWith(prefix) && SHAPE.matcher(id.substring(prefix.length())).matches();
    }
}
