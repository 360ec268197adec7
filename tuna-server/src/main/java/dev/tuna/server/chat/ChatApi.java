package dev.tuna.server.chat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.engine.generate.Completion;
import dev.tuna.engine.generate.GenerationResult;
import dev.tuna.engine.runtime.ChatModel;
import dev.tuna.engine.runtime.ContextLengthException;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Ids;
import dev.tuna.server.http.Json;
import dev.tuna.server.models.LoadedModels;
import dev.tuna.server.models.ModelCatalog;
import dev.tuna.server.models.ModelEntry;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** {@code POST /v1/chat/completions}, whole or streamed as server-sent events. */
public final class ChatApi {
    private final ModelCatalog catalog;
    private final LoadedModels models;
    private final Semaphore slots;
    private final Duration queueWait;

    /**
     * @param concurrency chat generations that run at once
     * @param queueWait   how long a request waits for a slot before it is told to retry (429)
     */
    public ChatApi(ModelCatalog catalog, LoadedModels models, int concurrency, Duration queueWait) {
        this.catalog = catalog;
        this.models = models;
        this.slots = new Semaphore(concurrency, true);
        this.queueWait = queueWait;
    }

    public void create(Context ctx) throws Exception {
        ChatRequest req = ChatRequest.parse(Json.body(ctx));
        ModelEntry entry = catalog.require(req.model(), "model");
        if (!slots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
            ctx.header("Retry-After", "5");
            ctx.header("x-should-retry", "true");
            throw new ApiException(429, "requests", "The local server is busy generating other replies; retry in a "
                    + "few seconds.", null, "rate_limit_exceeded");
        }
        try (LoadedModels.Lease lease = models.lease(entry)) {
            ChatModel model = lease.model();
            int prompt = model.promptTokens(req.messages());
            if (prompt >= model.contextLength()) {
                throw ApiException.badRequest("This model's maximum context length is " + model.contextLength()
                        + " tokens; your messages take " + prompt + " tokens. Shorten them.", "messages",
                        "context_length_exceeded");
            }
            String id = Ids.CHAT + Ids.fast(29);
            long created = Instant.now().getEpochSecond();
            try {
                if (req.stream()) {
                    new ChatStream(ctx, id, created, req, model).run();
                } else {
                    GenerationResult result = model.chat(req.messages(), req.params(), (choice, text) -> { });
                    Json.send(ctx, completion(id, created, req.model(), model.fingerprint(), result));
                }
            } catch (ContextLengthException e) {
                throw ApiException.badRequest(e.getMessage(), "messages", "context_length_exceeded");
            }
        } finally {
            slots.release();
        }
    }

    private static ObjectNode completion(String id, long created, String model, String fingerprint,
                                         GenerationResult result) {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("object", "chat.completion");
        o.put("created", created);
        o.put("model", model);
        ArrayNode choices = o.putArray("choices");
        for (Completion c : result.choices()) {
            ObjectNode choice = choices.addObject();
            choice.put("index", c.index());
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", c.text());
            message.putNull("refusal");
            message.putArray("annotations");
            choice.putNull("logprobs");
            choice.put("finish_reason", c.finishReason());
        }
        o.set("usage", usage(result.promptTokens(), result.completionTokens()));
        o.put("service_tier", "default");
        o.put("system_fingerprint", fingerprint);
        return o;
    }

    static ObjectNode usage(int prompt, int completion) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        ObjectNode p = u.putObject("prompt_tokens_details");
        p.put("cached_tokens", 0);
        p.put("audio_tokens", 0);
        ObjectNode c = u.putObject("completion_tokens_details");
        c.put("reasoning_tokens", 0);
        c.put("audio_tokens", 0);
        c.put("accepted_prediction_tokens", 0);
        c.put("rejected_prediction_tokens", 0);
        return u;
    }
}
