package dev.tuna.cli.chat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tuna.cli.client.Api;
import dev.tuna.cli.output.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends chat requests and prints answers: whole, or streamed as they are written. With a remote backend and no
 * seed it notes, once, that answers may differ between runs, and shows the backend's system_fingerprint.
 */
final class Responder {
    private final Api api;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private boolean noted;

    Responder(Api api, PrintWriter out, PrintWriter err, boolean json) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    dev.tuna.cli.client.Backend backend() {
        return api.backend();
    }

    /** Asks and returns the answer without printing it (for side-by-side comparisons). */
    Answer ask(ChatCompletionCreateParams params) {
        ChatCompletion c = api.client().chat().completions().create(params);
        List<String> texts = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (var choice : c.choices()) {
            texts.add(choice.message().content().orElse(""));
            reasons.add(choice.finishReason().asString());
        }
        Answer a = new Answer(texts, reasons, c.systemFingerprint().orElse(null), c);
        noteOnce(params, a);
        return a;
    }

    /** Asks and prints: JSON, or the text (choices numbered when there are several). */
    Answer askAndPrint(ChatCompletionCreateParams params, boolean stream) {
        Answer a = stream ? stream(params) : ask(params);
        if (json) {
            if (!stream) {
                Json.print(out, a.raw());
            }
        } else if (!stream) {
            if (a.texts().size() == 1) {
                out.println(a.text());
            } else {
                for (int i = 0; i < a.texts().size(); i++) {
                    out.println((i > 0 ? "\n" : "") + "[" + (i + 1) + "] " + a.texts().get(i));
                }
            }
            out.flush();
        }
        if (a.cut() && !json) {
            err.println("(the answer was cut at --max-tokens)");
            err.flush();
        }
        return a;
    }

    /** Streams one answer: text pieces as they arrive, or each chunk as a JSON line with --json. */
    private Answer stream(ChatCompletionCreateParams params) {
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        String fingerprint = null;
        String reason = "stop";
        try (StreamResponse<ChatCompletionChunk> response = api.client().chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) response.stream()::iterator) {
                chunks.add(chunk);
                if (fingerprint == null) {
                    fingerprint = chunk.systemFingerprint().orElse(null);
                }
                if (json) {
                    Json.printLine(out, chunk);
                }
                for (var choice : chunk.choices()) {
                    String piece = choice.delta().content().orElse("");
                    text.append(piece);
                    if (!json && !piece.isEmpty()) {
                        out.print(piece);
                        out.flush();
                    }
                    if (choice.finishReason().isPresent()) {
                        reason = choice.finishReason().get().asString();
                    }
                }
            }
        }
        if (!json) {
            out.println();
            out.flush();
        }
        Answer a = new Answer(List.of(text.toString()), List.of(reason), fingerprint, chunks);
        noteOnce(params, a);
        return a;
    }

    private void noteOnce(ChatCompletionCreateParams params, Answer a) {
        if (noted || api.backend().isLoopback() || params.seed().isPresent()) {
            return;
        }
        noted = true;
        err.println("note: " + api.backend().host() + " is a remote backend and no --seed was given, so answers may"
                + " differ between runs" + (a.fingerprint() == null ? "." : " (system_fingerprint " + a.fingerprint() + ")."));
        err.flush();
    }
}
