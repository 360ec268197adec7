package dev.tuna.server.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.engine.generate.Completion;
import dev.tuna.engine.generate.GenerationResult;
import dev.tuna.engine.runtime.ChatModel;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A streamed chat completion: {@code data: <chunk>} events as text becomes certain, a final chunk per choice with
 * its {@code finish_reason}, a usage chunk when asked for ({@code stream_options.include_usage}), then
 * {@code data: [DONE]}. A client that hangs up stops the generation (the next write fails).
 */
final class ChatStream {
    private final Context ctx;
    private final String id;
    private final long created;
    private final ChatRequest req;
    private final ChatModel model;
    private final boolean[] started;
    private OutputStream out;

    ChatStream(Context ctx, String id, long created, ChatRequest req, ChatModel model) {
        this.ctx = ctx;
        this.id = id;
        this.created = created;
        this.req = req;
        this.model = model;
        this.started = new boolean[req.params().n()];
    }

    void run() throws IOException {
        ctx.status(200);
        ctx.contentType("text/event-stream; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no");
        ctx.disableCompression();
        out = ctx.res().getOutputStream();
        GenerationResult result;
        try {
            result = model.chat(req.messages(), req.params(), (choice, text) -> {
                begin(choice);
                if (!text.isEmpty()) {
                    ObjectNode delta = Json.object();
                    delta.put("content", text);
                    send(chunk(choice, delta, null));
                }
            });
        } catch (UncheckedIOException e) {
            return; // the client went away
        } catch (ApiException | IllegalArgumentException | dev.tuna.data.TunaException e) {
            send(Json.error(e.getMessage(), "invalid_request_error", null, null));
            return;
        }
        for (Completion c : result.choices()) {
            begin(c.index());
            send(chunk(c.index(), Json.object(), c.finishReason()));
        }
        if (req.includeUsage()) {
            ObjectNode last = base();
            last.putArray("choices");
            last.set("usage", ChatApi.usage(result.promptTokens(), result.completionTokens()));
            send(last);
        }
        write("data: [DONE]\n\n");
    }

    /** The first chunk of a choice carries the role, as OpenAI's do. */
    private void begin(int choice) {
        if (!started[choice]) {
            started[choice] = true;
            ObjectNode delta = Json.object();
            delta.put("role", "assistant");
            delta.put("content", "");
            send(chunk(choice, delta, null));
        }
    }

    private ObjectNode base() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("object", "chat.completion.chunk");
        o.put("created", created);
        o.put("model", req.model());
        o.put("service_tier", "default");
        o.put("system_fingerprint", model.fingerprint());
        return o;
    }

    private ObjectNode chunk(int choice, ObjectNode delta, String finishReason) {
        ObjectNode o = base();
        ObjectNode c = o.putArray("choices").addObject();
        c.put("index", choice);
        c.set("delta", delta);
        c.putNull("logprobs");
        c.put("finish_reason", finishReason);
        if (req.includeUsage()) {
            o.putNull("usage");
        }
        return o;
    }

    private void send(ObjectNode event) {
        write("data: " + Json.write(event) + "\n\n");
    }

    private synchronized void write(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
