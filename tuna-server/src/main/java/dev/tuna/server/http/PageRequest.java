package dev.tuna.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;

/**
 * OpenAI's cursor pagination: {@code after} is the id of the last item of the previous page, {@code limit} the page
 * size. Pages are fetched with one extra row so that {@code has_more} is exact; past the end {@code data} is empty,
 * which is what ends the Java SDK's auto-paging.
 */
public record PageRequest(int limit, String after) {

    public static PageRequest of(Context ctx, int defaultLimit, int maxLimit) {
        String rawLimit = ctx.queryParam("limit");
        int limit = defaultLimit;
        if (rawLimit != null && !rawLimit.isBlank()) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Invalid 'limit': expected an integer, got '" + rawLimit + "'.", "limit");
            }
            if (limit < 1 || limit > maxLimit) {
                throw ApiException.badRequest("Invalid 'limit': " + limit + " is not between 1 and " + maxLimit + ".",
                        "limit");
            }
        }
        String after = ctx.queryParam("after");
        return new PageRequest(limit, after == null || after.isBlank() ? null : after.trim());
    }

    /** Rows to fetch: one more than the page, to know whether more follow. */
    public int fetch() {
        return limit + 1;
    }

    /** {@code {"object":"list","data":[...],"has_more":...}} from rows fetched with {@link #fetch()}. */
    public ObjectNode page(List<? extends JsonNode> rows, boolean withFirstAndLast, boolean nullWhenEmpty) {
        boolean hasMore = rows.size() > limit;
        List<? extends JsonNode> items = hasMore ? rows.subList(0, limit) : rows;
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        items.forEach(data::add);
        if (withFirstAndLast) {
            if (items.isEmpty()) {
                if (nullWhenEmpty) {
                    body.putNull("first_id");
                    body.putNull("last_id");
                } else {
                    body.put("first_id", ""); // the files list schema types both as plain strings
                    body.put("last_id", "");
                }
            } else {
                body.put("first_id", items.getFirst().get("id").asText());
                body.put("last_id", items.getLast().get("id").asText());
            }
        }
        body.put("has_more", hasMore);
        return body;
    }
}
