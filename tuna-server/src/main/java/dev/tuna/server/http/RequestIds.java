package dev.tuna.server.http;

import io.javalin.http.Context;

/** Every response carries {@code x-request-id}, as OpenAI's do; the SDKs expose it for bug reports. */
public final class RequestIds {
    public static final String HEADER = "x-request-id";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String id = Ids.REQUEST + Ids.fast(32);
        ctx.attribute(HEADER, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(HEADER);
        return id == null ? "-" : id;
    }
}
