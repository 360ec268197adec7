package dev.tuna.server.files;

import dev.tuna.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.Locale;

/**
 * Reading multipart fields, with the servlet container's failures turned into OpenAI errors: a part over the size
 * limit is 413, a body that is not valid multipart is 400. Jetty spools parts beyond a small size to disk, so a
 * large upload is never held in memory.
 */
final class MultipartLimits {
    /** Room for part headers and boundaries beyond the file's own bytes. */
    static final long OVERHEAD = 1 << 20;

    private MultipartLimits() {
    }

    static UploadedFile uploadedFile(Context ctx, String name, long maxBytes) {
        try {
            return ctx.uploadedFile(name);
        } catch (Exception e) { // Jetty's ServletException arrives undeclared, through Kotlin
            throw translate(e, maxBytes);
        }
    }

    static String formParam(Context ctx, String name, long maxBytes) {
        try {
            return ctx.formParam(name);
        } catch (Exception e) { // Jetty's ServletException arrives undeclared, through Kotlin
            throw translate(e, maxBytes);
        }
    }

    private static RuntimeException translate(Exception e, long maxBytes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("exceed") || m.contains("too large") || m.contains("413")) {
                return FilesApi.tooLarge(maxBytes);
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return ApiException.badRequest("Malformed multipart/form-data body: " + root.getMessage()
                + ". Send the fields 'file' and 'purpose' as multipart parts.", "file");
    }
}
