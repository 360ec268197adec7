package dev.tuna.server.models;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.io.Folders;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Json;
import io.javalin.http.Context;
import java.io.IOException;

/** {@code /v1/models}: list, get, and delete fine-tuned models. */
public final class ModelsApi {
    private final ModelCatalog catalog;
    private final LoadedModels loaded;

    public ModelsApi(ModelCatalog catalog, LoadedModels loaded) {
        this.catalog = catalog;
        this.loaded = loaded;
    }

    public void list(Context ctx) {
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        catalog.list().forEach(m -> data.add(m.toJson()));
        Json.send(ctx, body);
    }

    public void get(Context ctx) {
        Json.send(ctx, catalog.require(ctx.pathParam("model"), "model").toJson());
    }

    /** Deletes a fine-tuned model and its weights; base models cannot be deleted through the API. */
    public void delete(Context ctx) throws IOException {
        ModelEntry m = catalog.require(ctx.pathParam("model"), "model");
        if (!m.isFineTuned()) {
            throw new ApiException(403, "invalid_request_error", "The model '" + m.id() + "' is a base model; only "
                    + "fine-tuned models can be deleted. Remove a checkpoint folder from the models folder instead.",
                    "model", "model_not_deletable");
        }
        catalog.removeFineTuned(m.id());
        loaded.evict(m.id());
        Folders.delete(m.fineTuned());
        ObjectNode o = Json.object();
        o.put("id", m.id());
        o.put("object", "model");
        o.put("deleted", true);
        Json.send(ctx, o);
    }
}
