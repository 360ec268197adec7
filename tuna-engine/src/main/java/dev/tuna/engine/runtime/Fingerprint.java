package dev.tuna.engine.runtime;

import dev.tuna.data.TunaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * OpenAI-style {@code system_fingerprint} ({@code fp_} + 10 hex digits): a hash of what decides the answers — the
 * engine version and the bytes of the weights, tokenizer and template files — so equal fingerprints give equal
 * answers for equal requests and seeds.
 */
public final class Fingerprint {
    /** Bump when a change to the engine can change generated tokens. */
    public static final String ENGINE_VERSION = "tuna-engine/0.1";

    private Fingerprint() {
    }

    /** The digest of a folder's model files (safetensors and JSON), in name order. */
    public static String ofFolder(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> relevant = files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.startsWith(".") && (n.endsWith(".safetensors") || n.endsWith(".json")
                                || n.endsWith(".jinja"));
                    })
                    .sorted()
                    .toList();
            MessageDigest d = sha256();
            byte[] buf = new byte[1 << 16];
            for (Path p : relevant) {
                d.update(p.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        d.update(buf, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            throw new TunaException(dir + ": cannot read the model files (" + e.getMessage() + ")", e);
        }
    }

    /** The fingerprint of the engine version and the given identities (folder digests, or a description). */
    public static String of(String... identities) {
        MessageDigest d = sha256();
        d.update(ENGINE_VERSION.getBytes(StandardCharsets.UTF_8));
        for (String s : identities) {
            d.update((byte) 0);
            d.update(s.getBytes(StandardCharsets.UTF_8));
        }
        return "fp_" + HexFormat.of().formatHex(d.digest()).substring(0, 10);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
