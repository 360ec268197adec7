package dev.tuna.data.jsonl;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tuna.data.TunaException;
import dev.tuna.data.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one JSON value per line, UTF-8, {@code \n}-terminated, non-ASCII as text. The file appears atomically:
 * lines go to a temporary file next to the target, which {@link #commit()} moves into place; closing without
 * committing deletes it, so a failed run never leaves half a file behind.
 */
public final class JsonlWriter implements AutoCloseable {
    private static final ObjectWriter WRITER = Jsonl.MAPPER.writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .without(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);

    private final Path target;
    private final AtomicFiles.Staged staged;
    private final OutputStream out;
    private long lines;
    private boolean done;

    private JsonlWriter(Path target, AtomicFiles.Staged staged, OutputStream out) {
        this.target = target;
        this.staged = staged;
        this.out = out;
    }

    public static JsonlWriter create(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (Files.isDirectory(target)) {
            throw new TunaException(target + " is a directory: give the path of the .jsonl file to write");
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new TunaException("cannot write " + target + ": folder " + dir + " does not exist; create it first");
        }
        try {
            AtomicFiles.Staged staged = AtomicFiles.stage(target);
            try {
                return new JsonlWriter(target, staged,
                        new BufferedOutputStream(Files.newOutputStream(staged.temp()), 1 << 16));
            } catch (IOException | RuntimeException e) {
                staged.close();
                throw e;
            }
        } catch (IOException e) {
            throw new TunaException("cannot write " + target + " (" + e.getMessage() + ")", e);
        }
    }

    public Path target() {
        return target;
    }

    /** Writes one value (a record such as a chat example, a map or a JSON tree) as one line. */
    public void write(Object value) {
        try {
            WRITER.writeValue(out, value);
            out.write('\n');
            lines++;
        } catch (IOException e) {
            throw new TunaException("cannot write " + target + " (" + e.getMessage() + ")", e);
        }
    }

    public long lines() {
        return lines;
    }

    /** Flushes and moves the finished file into place. */
    public void commit() {
        try {
            out.flush();
            out.close();
            staged.commit();
            done = true;
        } catch (IOException e) {
            throw new TunaException("cannot write " + target + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
        } catch (IOException e) {
            // The temporary file is deleted below; the target was never touched.
        }
        staged.close();
    }
}
