package dev.tuna.server.testing;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** An OkHttp interceptor for the OpenAI SDK's client: checks every response it receives against the spec. */
public final class SchemaCheckingInterceptor implements Interceptor {
    private final ResponseSchemas schemas;

    public SchemaCheckingInterceptor(ResponseSchemas schemas) {
        this.schemas = schemas;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        String path = chain.request().url().encodedPath();
        String method = chain.request().method();
        if (ResponseSchemas.schemaFor(method, path, response.code()) != null) {
            String body = response.peekBody(Long.MAX_VALUE).string();
            schemas.check(method, path, response.code(), response.header("Content-Type"), body);
        }
        return response;
    }
}
