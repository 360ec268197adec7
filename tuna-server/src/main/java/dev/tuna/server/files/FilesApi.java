package dev.tuna.server.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Json;
import dev.tuna.server.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Predicate;

/** {@code /v1/files}: upload, list, get, download and delete. */
public final class FilesApi {
    private static final long MIN_EXPIRY = 3600;
    private static final long MAX_EXPIRY = 2_592_000;

    private final FileStore store;
    private final long maxBytes;
    private final Predicate<String> inUse;

    /**
     * @param inUse tells whether a file is still needed by a fine-tuning job that has not finished (it cannot be
     *              deleted then)
     */
    public FilesApi(FileStore store, long maxBytes, Predicate<String> inUse) {
        this.store = store;
        this.maxBytes = maxBytes;
        this.inUse = inUse;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** {@code POST /v1/files} (multipart: {@code file}, {@code purpose}, optional {@code expires_after[...]}). */
    public void upload(Context ctx) throws IOException {
        try {
            store(ctx);
        } catch (ApiException e) {
            // The rest of a refused body may still be on its way: close the connection after the answer rather
            // than leave the client a kept-alive connection whose other end has stopped reading.
            ctx.header("Connection", "close");
            throw e;
        }
    }

    private void store(Context ctx) throws IOException {
        if (!ctx.isMultipartFormData()) {
            throw ApiException.badRequest("Uploads must be multipart/form-data with the fields 'file' and 'purpose'.",
                    "file");
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes + MultipartLimits.OVERHEAD) {
            throw tooLarge(maxBytes); // answer before reading a byte of a body that cannot fit
        }
        UploadedFile part = MultipartLimits.uploadedFile(ctx, "file", maxBytes);
        String purpose = MultipartLimits.formParam(ctx, "purpose", maxBytes);
        if (part == null) {
            throw ApiException.badRequest("Missing the 'file' field: send the file's content as a multipart part "
                    + "named 'file'.", "file");
        }
        if (part.size() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (purpose == null || purpose.isBlank()) {
            throw ApiException.badRequest("Missing the 'purpose' field; use one of " + Purposes.UPLOAD + ".", "purpose");
        }
        if (!Purposes.UPLOAD.contains(purpose)) {
            throw ApiException.badRequest("Invalid 'purpose': '" + purpose + "'. Use one of " + Purposes.UPLOAD + ".",
                    "purpose");
        }
        Long expiresAfter = expiresAfter(ctx);
        if (Purposes.FINE_TUNE.equals(purpose)) {
            checkLooksLikeJsonl(part);
        }
        StoredFile file;
        try (InputStream in = part.content()) {
            file = store.create(in, FileNames.clean(part.filename()), purpose, expiresAfter);
        }
        Json.send(ctx, file.toJson());
    }

    /** {@code GET /v1/files}: {@code purpose}, {@code order} (desc by default), {@code after}, {@code limit}. */
    public void list(Context ctx) {
        PageRequest page = PageRequest.of(ctx, 10_000, 10_000);
        String order = ctx.queryParam("order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiException.badRequest("Invalid 'order': '" + order + "'. Use 'asc' or 'desc'.", "order");
        }
        String purpose = ctx.queryParam("purpose");
        List<StoredFile> rows = store.list(purpose == null || purpose.isBlank() ? null : purpose, "asc".equals(order),
                page.after(), page.fetch());
        Json.send(ctx, page.page(rows.stream().map(StoredFile::toJson).toList(), true, false));
    }

    public void get(Context ctx) {
        Json.send(ctx, store.require(ctx.pathParam("file_id"), "file_id").toJson());
    }

    /** {@code GET /v1/files/{id}/content}: the bytes as uploaded, streamed from disk. */
    public void content(Context ctx) throws IOException {
        StoredFile f = store.require(ctx.pathParam("file_id"), "file_id");
        ctx.contentType(f.filename().endsWith(".csv") ? "text/csv"
                : f.filename().endsWith(".jsonl") ? "application/jsonl" : "application/octet-stream");
        ctx.header("Content-Disposition", "attachment; filename=\"" + f.filename().replace("\"", "") + "\"");
        // The length is known, so the bytes go out as stored: compressing them would break that Content-Length.
        ctx.disableCompression();
        ctx.header("Content-Length", Long.toString(f.bytes()));
        ctx.result(Files.newInputStream(store.blob(f.id())));
    }

    public void delete(Context ctx) {
        String id = ctx.pathParam("file_id");
        store.require(id, "file_id");
        if (inUse.test(id)) {
            throw ApiException.conflict("File " + id + " is used by a fine-tuning job that has not finished; cancel "
                    + "the job or wait for it to end before deleting the file.", "file_id");
        }
        store.delete(id);
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("object", "file");
        o.put("deleted", true);
        Json.send(ctx, o);
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "invalid_request_error", "File too large: the maximum size is "
                + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MB" : maxBytes + " bytes") + " per file.", "file",
                "file_too_large");
    }

    /** {@code expires_after[anchor]=created_at} and {@code expires_after[seconds]} (3600 to 2592000). */
    private Long expiresAfter(Context ctx) {
        String anchor = MultipartLimits.formParam(ctx, "expires_after[anchor]", maxBytes);
        String seconds = MultipartLimits.formParam(ctx, "expires_after[seconds]", maxBytes);
        if (anchor == null && seconds == null) {
            return null;
        }
        if (!"created_at".equals(anchor)) {
            throw ApiException.badRequest("Invalid 'expires_after[anchor]': only 'created_at' is supported.",
                    "expires_after.anchor");
        }
        long s;
        try {
            s = Long.parseLong(seconds == null ? "" : seconds.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid 'expires_after[seconds]': expected an integer.",
                    "expires_after.seconds");
        }
        if (s < MIN_EXPIRY || s > MAX_EXPIRY) {
            throw ApiException.badRequest("Invalid 'expires_after[seconds]': " + s + " is not between " + MIN_EXPIRY
                    + " and " + MAX_EXPIRY + ".", "expires_after.seconds");
        }
        return s;
    }

    /**
     * Fine-tuning files must be JSONL. The first non-empty line must be a JSON object; whether every example is
     * right is the job's validation (it fails the job with line numbers), as OpenAI does.
     */
    private static void checkLooksLikeJsonl(UploadedFile part) throws IOException {
        ObjectMapper mapper = Json.MAPPER;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(part.content(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode first;
                try {
                    first = mapper.readTree(line);
                } catch (IOException e) {
                    first = null;
                }
                if (first == null || !first.isObject()) {
                    throw ApiException.badRequest("Invalid file format for Fine-Tuning API. Must be .jsonl: the first "
                            + "line is not a JSON object.", "file");
                }
                return;
            }
        }
        throw ApiException.badRequest("Invalid file format for Fine-Tuning API: the file is empty.", "file");
    }
}
