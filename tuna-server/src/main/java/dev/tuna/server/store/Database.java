package dev.tuna.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server's SQLite database ({@code tuna.db}). Changes go through one connection under a lock (SQLite
 * serialises writers anyway, and one writer keeps transactions simple); every change runs in a transaction, so a
 * crash leaves either the old or the new state. Reads outside a transaction use a small pool of read-only
 * connections: in WAL mode they see the last commit without waiting for the writer, whose commits wait for the
 * disk.
 */
public final class Database implements AutoCloseable {
    /** Reads columns of one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Database db) throws SQLException;
    }

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS files (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              filename TEXT NOT NULL,
              purpose TEXT NOT NULL,
              bytes INTEGER NOT NULL,
              created_at INTEGER NOT NULL,
              expires_at INTEGER,
              deleted INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS jobs (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              model TEXT NOT NULL,
              training_file TEXT NOT NULL,
              validation_file TEXT,
              suffix TEXT,
              seed INTEGER NOT NULL,
              status TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              finished_at INTEGER,
              estimated_finish INTEGER,
              fine_tuned_model TEXT,
              trained_tokens INTEGER,
              error_code TEXT,
              error_message TEXT,
              error_param TEXT,
              hyperparameters TEXT NOT NULL,
              metadata TEXT,
              result_files TEXT NOT NULL DEFAULT '[]');
            CREATE TABLE IF NOT EXISTS job_events (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              job_id TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              level TEXT NOT NULL,
              message TEXT NOT NULL,
              type TEXT NOT NULL,
              data TEXT);
            CREATE INDEX IF NOT EXISTS job_events_by_job ON job_events(job_id, seq);
            CREATE TABLE IF NOT EXISTS checkpoints (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              job_id TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              step INTEGER NOT NULL,
              name TEXT NOT NULL,
              metrics TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS checkpoints_by_job ON checkpoints(job_id, seq);
            CREATE TABLE IF NOT EXISTS models (
              id TEXT PRIMARY KEY,
              created_at INTEGER NOT NULL,
              job_id TEXT NOT NULL,
              base TEXT NOT NULL,
              dir TEXT NOT NULL);
            """;

    private static final int READERS = 4;

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final BlockingQueue<Connection> readers;

    private Database(Connection connection, List<Connection> readers) {
        this.connection = connection;
        this.readers = new ArrayBlockingQueue<>(readers.size(), false, readers);
    }

    public static Database open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA.split(";")) {
                    if (!ddl.isBlank()) {
                        s.execute(ddl);
                    }
                }
            }
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                Connection r = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                try (Statement s = r.createStatement()) {
                    s.execute("PRAGMA busy_timeout=5000");
                    s.execute("PRAGMA query_only=true");
                }
                readers.add(r);
            }
            return new Database(c, readers);
        } catch (SQLException e) {
            throw new IOException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: all of its changes land, or none. */
    public <T> T transaction(Work<T> work) {
        lock.lock();
        try {
            boolean outer = connection.getAutoCommit();
            if (!outer) {
                return work.run(this); // nested: part of the enclosing transaction
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(this);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            lock.unlock();
        }
    }

    public int update(String sql, Object... args) {
        lock.lock();
        try (PreparedStatement st = prepare(connection, sql, args)) {
            return st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            lock.unlock();
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        if (lock.isHeldByCurrentThread()) {
            return query(connection, sql, mapper, args); // inside a transaction: see its own changes
        }
        Connection reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        try {
            return query(reader, sql, mapper, args);
        } finally {
            readers.add(reader);
        }
    }

    private <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement st = prepare(c, sql, args); ResultSet rs = st.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public <T> T queryOne(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? null : rows.getFirst();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            st.setObject(i + 1, args[i]);
        }
        return st;
    }

    /** A nullable long column. */
    public static Long getLong(ResultSet row, String column) throws SQLException {
        long v = row.getLong(column);
        return row.wasNull() ? null : v;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (Connection r : readers) {
                r.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            lock.unlock();
        }
    }

    /** A database failure: a bug or a broken disk, never the client's fault (HTTP 500). */
    public static final class StoreException extends RuntimeException {
        StoreException(SQLException cause) {
            super("database error: " + cause.getMessage(), cause);
        }
    }
}
