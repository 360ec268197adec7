package dev.tuna.cli.chat;

import java.util.List;

/**
 * What came back for one request.
 *
 * @param texts       one text per choice, by index
 * @param finishReasons one per choice ("stop", "length", ...)
 * @param fingerprint the backend's {@code system_fingerprint}, or null
 * @param raw         the API object(s) as received, for {@code --json}: a ChatCompletion, or the list of chunks
 */
record Answer(List<String> texts, List<String> finishReasons, String fingerprint, Object raw) {
    String text() {
        return texts.isEmpty() ? "" : texts.getFirst();
    }

    boolean cut() {
        return finishReasons.contains("length");
    }
}
