package dev.tuna.server.models;

import dev.tuna.server.http.ApiException;
import dev.tuna.server.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models the server offers: {@code tuna-nano}, every Hugging Face checkpoint folder in the models folder (one
 * with a {@code config.json}), and the fine-tuned models that jobs made (in the {@code models} table).
 */
public final class ModelCatalog {
    public static final String NANO = "tuna-nano";
    public static final String OWNER = "local";
    /** tuna-nano is built in: its creation time is the start of the project (2026-12-01). */
    private static final long NANO_CREATED = 1_796_083_200L;
    /** A base model's name is its folder's name; anything else never reaches the file system. */
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Database db;
    private final Path modelsDir;

    public ModelCatalog(Database db, Path modelsDir) {
        this.db = db;
        this.modelsDir = modelsDir;
    }

    public List<ModelEntry> list() {
        List<ModelEntry> all = new ArrayList<>(baseModels());
        all.addAll(db.query("SELECT * FROM models ORDER BY created_at, id", r -> new ModelEntry(r.getString("id"),
                r.getLong("created_at"), OWNER, basePath(r.getString("base")), Path.of(r.getString("dir")),
                r.getString("job_id"))));
        return all;
    }

    /** The model, or null. */
    public ModelEntry find(String id) {
        if (id == null) {
            return null;
        }
        if (id.startsWith("ft:")) {
            return db.queryOne("SELECT * FROM models WHERE id = ?", r -> new ModelEntry(r.getString("id"),
                    r.getLong("created_at"), OWNER, basePath(r.getString("base")), Path.of(r.getString("dir")),
                    r.getString("job_id")), id);
        }
        return baseModels().stream().filter(m -> m.id().equals(id)).findFirst().orElse(null);
    }

    public ModelEntry require(String id, String param) {
        ModelEntry m = find(id);
        if (m == null) {
            throw ApiException.notFound("The model '" + id + "' does not exist. Base models are " + NANO
                    + " and the checkpoint folders in " + modelsDir + "; list them with GET /v1/models.", param,
                    "model_not_found");
        }
        return m;
    }

    /** A base model usable for fine-tuning, or null. */
    public ModelEntry findBase(String id) {
        ModelEntry m = find(id);
        return m == null || m.isFineTuned() ? null : m;
    }

    public void addFineTuned(String id, String jobId, String base, Path dir) {
        db.update("INSERT INTO models(id, created_at, job_id, base, dir) VALUES (?,?,?,?,?)", id,
                Instant.now().getEpochSecond(), jobId, base, dir.toString());
    }

    public void removeFineTuned(String id) {
        db.update("DELETE FROM models WHERE id = ?", id);
    }

    /** The folder of a base model (null for nano). */
    public Path basePath(String base) {
        if (NANO.equals(base)) {
            return null;
        }
        if (!FOLDER.matcher(base).matches()) {
            throw new IllegalArgumentException("not a model folder name: " + base);
        }
        return modelsDir.resolve(base);
    }

    private List<ModelEntry> baseModels() {
        List<ModelEntry> bases = new ArrayList<>();
        bases.add(new ModelEntry(NANO, NANO_CREATED, "tuna", null, null, null));
        if (modelsDir == null || !Files.isDirectory(modelsDir)) {
            return bases;
        }
        try (Stream<Path> entries = Files.list(modelsDir)) {
            entries.filter(p -> FOLDER.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve("config.json")))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .forEach(p -> bases.add(new ModelEntry(p.getFileName().toString(), created(p), OWNER, p, null,
                            null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bases;
    }

    private static long created(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve("config.json")).toInstant().getEpochSecond();
        } catch (IOException e) {
            return 0;
        }
    }
}
