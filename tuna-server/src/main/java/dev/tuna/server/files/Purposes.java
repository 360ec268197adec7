package dev.tuna.server.files;

import java.util.List;

/** File purposes from OpenAI's spec: what clients may upload, and what the server itself writes. */
public final class Purposes {
    /** {@code CreateFileRequest.purpose}. */
    public static final List<String> UPLOAD = List.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");
    public static final String FINE_TUNE = "fine-tune";
    public static final String FINE_TUNE_RESULTS = "fine-tune-results";

    private Purposes() {
    }
}
