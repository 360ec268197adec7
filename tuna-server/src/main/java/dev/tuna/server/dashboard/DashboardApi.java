package dev.tuna.server.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.TunaException;
import dev.tuna.data.validate.Distribution;
import dev.tuna.data.validate.ValidationError;
import dev.tuna.data.validate.ValidationReport;
import dev.tuna.data.validate.ValidationWarning;
import dev.tuna.data.validate.Validator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The dashboard's own routes, beside the OpenAI API: {@code POST /tuna/validate} checks a file before it is
 * uploaded (the rules and exact token counts of {@code tuna validate}), {@code GET /tuna/reports} lists the eval
 * reports in the data folder's {@code reports/} and {@code GET /tuna/reports/<name>} serves one.
 */
public final class DashboardApi {
    /** The OpenAI models the validation report prices training for; the first one is also the validated model. */
    static final List<String> PRICED_MODELS = List.of("gpt-4o-mini-2024-07-18", "gpt-3.5-turbo-0125");
    /** Report folders are walked this deep (reports/run-1/report.html). */
    private static final int REPORT_DEPTH = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path reports;
    private final Path tmp;
    private final long maxValidateBytes;

    /**
     * @param reports          the eval reports folder ({@code <data-dir>/reports}); it need not exist
     * @param tmp              where uploads to validate are spooled
     * @param maxValidateBytes the largest file {@code /tuna/validate} reads (the upload limit)
     */
    public DashboardApi(Path reports, Path tmp, long maxValidateBytes) {
        this.reports = reports.toAbsolutePath().normalize();
        this.tmp = tmp;
        this.maxValidateBytes = maxValidateBytes;
    }

    public void register(RoutesConfig r) {
        r.post("/tuna/validate", this::validate);
        r.get("/tuna/reports", this::listReports);
        r.get("/tuna/reports/<name>", this::report);
    }

    /** Body: the raw JSONL file. Answer: the report in the dashboard's shape (see js/validate.js). */
    void validate(Context ctx) throws IOException {
        Path spool = Files.createTempFile(Files.createDirectories(tmp), "validate-", ".jsonl");
        try {
            try (InputStream in = ctx.bodyInputStream(); OutputStream out = Files.newOutputStream(spool)) {
                if (!copyAtMost(in, out, maxValidateBytes)) {
                    send(ctx, 413, error("The file is larger than " + maxValidateBytes / (1024 * 1024)
                            + " MB, the largest file this server accepts.", "file_too_large"));
                    return;
                }
            }
            String model = ctx.queryParam("model");
            ValidationReport main;
            try {
                main = Validator.validate(spool, model == null || model.isBlank() ? PRICED_MODELS.getFirst() : model);
            } catch (TunaException e) {
                send(ctx, 400, error(e.getMessage(), "unreadable_file"));
                return;
            }
            ObjectNode out = toDashboard(main);
            ArrayNode openai = out.putArray("openai");
            for (String priced : PRICED_MODELS) {
                ValidationReport r = priced.equals(main.model().model()) ? main : Validator.validate(spool, priced);
                ObjectNode o = openai.addObject();
                o.put("model", priced);
                o.put("limit", r.model().tokenLimit());
                o.put("overLimit", r.tokens().overLimit());
                o.put("epochs", r.cost().epochs());
                o.put("billedTokens", r.cost().billedTokens());
                if (r.cost().estimatedCostUsd() == null) {
                    o.putNull("cost");
                } else {
                    o.put("cost", r.cost().estimatedCostUsd());
                }
            }
            send(ctx, 200, out);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** The data helper's report, reshaped for the page: errors and warnings with a line each, token summaries. */
    static ObjectNode toDashboard(ValidationReport report) {
        ObjectNode out = JSON.createObjectNode();
        out.put("valid", report.valid());
        out.put("examples", report.examples());
        out.put("errorCount", report.errorCount());
        out.put("model", report.model().model());
        ArrayNode errors = out.putArray("errors");
        for (ValidationError e : report.errors()) {
            ObjectNode o = errors.addObject();
            if (e.line() > 0) {
                o.put("line", e.line());
            } else {
                o.putNull("line");
            }
            o.put("category", e.category().wireName());
            o.put("message", e.message());
            o.put("fix", e.fix());
        }
        ArrayNode warnings = out.putArray("warnings");
        for (ValidationWarning w : report.warnings()) {
            ObjectNode o = warnings.addObject();
            if (w.lines().isEmpty()) {
                o.putNull("line");
            } else {
                o.put("line", w.lines().getFirst());
            }
            o.put("category", w.category().wireName());
            o.put("message", w.message());
            o.put("count", w.count());
            ArrayNode lines = o.putArray("lines");
            w.lines().forEach(lines::add);
        }
        ObjectNode tokens = out.putObject("tokens");
        tokens.put("exact", true);
        tokens.put("encoding", report.model().encoding());
        if (report.tokens().perExample().count() > 0) {
            summary(tokens.putObject("total"), report.tokens().perExample(), report.tokens().totalTokens());
            Distribution a = report.tokens().assistant();
            summary(tokens.putObject("assistant"), a, Math.round(a.mean() * a.count()));
        }
        return out;
    }

    private static void summary(ObjectNode o, Distribution d, long sum) {
        o.put("min", d.min());
        o.put("max", d.max());
        o.put("mean", d.mean());
        o.put("p50", d.p50());
        o.put("p90", d.p90());
        o.put("sum", sum);
    }

    void listReports(Context ctx) throws IOException {
        ObjectNode out = JSON.createObjectNode();
        out.put("object", "list");
        out.put("folder", reports.toString());
        ArrayNode data = out.putArray("data");
        if (Files.isDirectory(reports)) {
            List<Path> found;
            try (Stream<Path> walk = Files.walk(reports, REPORT_DEPTH)) {
                found = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isReport(p)).toList();
            }
            record Entry(Path path, long modified) {
            }
            List<Entry> entries = found.stream()
                    .map(p -> new Entry(p, modified(p)))
                    .sorted((a, b) -> Long.compare(b.modified, a.modified))
                    .toList();
            for (Entry e : entries) {
                ObjectNode o = data.addObject();
                o.put("name", reports.relativize(e.path).toString().replace('\\', '/'));
                o.put("kind", extension(e.path));
                o.put("bytes", Files.size(e.path));
                o.put("modified_at", e.modified / 1000);
            }
        }
        send(ctx, 200, out);
    }

    void report(Context ctx) throws IOException {
        Path file = resolveReport(ctx.pathParam("name"));
        if (file == null) {
            send(ctx, 404, error("No eval report named '" + ctx.pathParam("name") + "' in " + reports + ".",
                    "report_not_found"));
            return;
        }
        ctx.contentType(extension(file).equals("html") ? "text/html; charset=utf-8" : "application/json; charset=utf-8");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(Files.readAllBytes(file));
    }

    /** The report file a name points to, or null: names never leave the reports folder, and only reports are served. */
    Path resolveReport(String name) {
        if (name == null || name.isBlank() || name.indexOf('\0') >= 0) {
            return null;
        }
        Path file = reports.resolve(name).normalize();
        if (!file.startsWith(reports) || file.equals(reports) || !isReport(file)
                || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return file;
    }

    private static boolean isReport(Path p) {
        String ext = extension(p);
        return ext.equals("html") || ext.equals("json");
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Copies in to out; false (and stops) once more than max bytes came. */
    private static boolean copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > max) {
                return false;
            }
            out.write(buffer, 0, n);
        }
        return true;
    }

    private static ObjectNode error(String message, String code) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode e = body.putObject("error");
        e.put("message", message);
        e.put("type", "invalid_request_error");
        e.putNull("param");
        e.put("code", code);
        return body;
    }

    private static void send(Context ctx, int status, ObjectNode body) throws IOException {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(JSON.writeValueAsString(body));
    }
}
