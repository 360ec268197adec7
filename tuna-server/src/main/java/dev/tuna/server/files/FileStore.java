package dev.tuna.server.files;

import dev.tuna.data.io.AtomicFiles;
import dev.tuna.server.http.ApiException;
import dev.tuna.server.http.Ids;
import dev.tuna.server.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * File contents live in {@code files/<id>} (the id, never the client's file name, names the blob), their
 * metadata in the {@code files} table. A blob is written to a temporary file, synced and moved into place before
 * its row is committed, so a crash never leaves a listed file with partial content. Deleted files keep a tombstone
 * row so that a pagination cursor naming them still works.
 */
public final class FileStore {
    private final Database db;
    private final Path dir;

    public FileStore(Database db, Path dir) throws IOException {
        this.db = db;
        this.dir = dir;
        Files.createDirectories(dir);
        removeLeftoverTemporaries();
    }

    /** Stores {@code content} (streamed, never held in memory) as a new file. */
    public StoredFile create(InputStream content, String filename, String purpose, Long expiresAfterSeconds)
            throws IOException {
        String id = Ids.next(Ids.FILE);
        // Synced: durable before the row that lists it is committed. Its temporary ends in .tmp, so one left by a
        // crash is removed at the next start.
        AtomicFiles.writeSynced(blob(id), tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.transferTo(out);
            }
        });
        return register(id, filename, purpose, Files.size(blob(id)), expiresAfterSeconds);
    }

    /** Stores a file the server wrote itself (e.g. {@code step_metrics.csv}), moving {@code source} in. */
    public StoredFile adopt(Path source, String filename, String purpose) throws IOException {
        String id = Ids.next(Ids.FILE);
        Files.move(source, blob(id), StandardCopyOption.ATOMIC_MOVE);
        return register(id, filename, purpose, Files.size(blob(id)), null);
    }

    /** Lists a blob already in place; it is deleted again if its row cannot be written. */
    private StoredFile register(String id, String filename, String purpose, long bytes, Long expiresAfter)
            throws IOException {
        long now = Instant.now().getEpochSecond();
        Long expiresAt = expiresAfter == null ? null : now + expiresAfter;
        try {
            db.update("INSERT INTO files(id, filename, purpose, bytes, created_at, expires_at) VALUES (?,?,?,?,?,?)",
                    id, filename, purpose, bytes, now, expiresAt);
        } catch (RuntimeException e) {
            Files.deleteIfExists(blob(id));
            throw e;
        }
        return get(id);
    }

    /** The live (not deleted, not expired) file, or null. */
    public StoredFile get(String id) {
        if (!Ids.isValid(Ids.FILE, id)) {
            return null;
        }
        return db.queryOne("SELECT * FROM files WHERE id = ? AND deleted = 0 AND (expires_at IS NULL OR expires_at > ?)",
                FileStore::row, id, Instant.now().getEpochSecond());
    }

    /** The live file or a 404 naming the id. */
    public StoredFile require(String id, String param) {
        StoredFile f = get(id);
        if (f == null) {
            throw ApiException.notFound("No such File object: " + id, param);
        }
        return f;
    }

    /** A page of live files in {@code created_at} order ({@code asc} or {@code desc}), after the cursor id. */
    public List<StoredFile> list(String purpose, boolean ascending, String after, int rows) {
        long now = Instant.now().getEpochSecond();
        String cursor = "";
        Object afterSeq = null;
        if (after != null) {
            Long seq = Ids.isValid(Ids.FILE, after)
                    ? db.queryOne("SELECT seq FROM files WHERE id = ?", r -> r.getLong(1), after) : null;
            if (seq == null) {
                throw ApiException.badRequest("Invalid 'after': no file with id '" + after + "'.", "after");
            }
            cursor = ascending ? " AND seq > ?" : " AND seq < ?";
            afterSeq = seq;
        }
        String sql = "SELECT * FROM files WHERE deleted = 0 AND (expires_at IS NULL OR expires_at > ?)"
                + (purpose == null ? " AND ? IS NULL" : " AND purpose = ?") + cursor
                + " ORDER BY seq " + (ascending ? "ASC" : "DESC") + " LIMIT ?";
        return afterSeq == null
                ? db.query(sql, FileStore::row, now, purpose, rows)
                : db.query(sql, FileStore::row, now, purpose, afterSeq, rows);
    }

    /** Deletes the file's content and hides it; false when there was no such live file. */
    public boolean delete(String id) {
        if (get(id) == null) {
            return false;
        }
        boolean deleted = db.update("UPDATE files SET deleted = 1 WHERE id = ? AND deleted = 0", id) == 1;
        try {
            Files.deleteIfExists(blob(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deleted;
    }

    /** Where a file's content is; only for ids this store made or validated. */
    public Path blob(String id) {
        if (!Ids.isValid(Ids.FILE, id)) {
            throw new IllegalArgumentException("not a file id: " + id);
        }
        return dir.resolve(id);
    }

    /** Deletes the content of expired files (their rows stay as tombstones). */
    public void removeExpired() {
        long now = Instant.now().getEpochSecond();
        for (String id : db.query("SELECT id FROM files WHERE deleted = 0 AND expires_at IS NOT NULL AND expires_at <= ?",
                r -> r.getString(1), now)) {
            db.update("UPDATE files SET deleted = 1 WHERE id = ?", id);
            try {
                Files.deleteIfExists(blob(id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void removeLeftoverTemporaries() throws IOException {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p); // an upload cut short by a crash
            }
        }
    }

    private static StoredFile row(ResultSet r) throws SQLException {
        return new StoredFile(r.getLong("seq"), r.getString("id"), r.getString("filename"), r.getString("purpose"),
                r.getLong("bytes"), r.getLong("created_at"), Database.getLong(r, "expires_at"));
    }
}
