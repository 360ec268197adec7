package dev.tuna.data.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file or folder so that readers (and a crash) see either the old content or the complete new one, never
 * part of it: the content goes to a hidden temporary beside the target ({@code .NAME.<random>.tmp}, or
 * {@code .NAME.partial-<random>} for a folder), which is renamed onto the target only once it is complete and
 * deleted otherwise. The temporary is created owner-only ({@link Files#createTempFile}), and so is the result.
 *
 * <p>The parent folder must exist: callers that want it created create it, so a mistyped path is not silently
 * made. Errors are the plain {@link IOException}s; callers word them for the user.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Fills the temporary file or folder; it may open, write and close it any way it likes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, temp -> Files.write(temp, bytes));
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, CharSequence text) throws IOException {
        write(target, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
    }

    public static void write(Path target, Content content) throws IOException {
        try (Staged staged = stage(target)) {
            content.writeTo(staged.temp());
            staged.commit();
        }
    }

    /** Like {@link #write(Path, Content)}, and forces the content to the device before the rename (fsync). */
    public static void writeSynced(Path target, Content content) throws IOException {
        try (Staged staged = stage(target)) {
            content.writeTo(staged.temp());
            try (FileChannel c = FileChannel.open(staged.temp(), StandardOpenOption.WRITE)) {
                c.force(true);
            }
            staged.commit();
        }
    }

    /**
     * The temporary file for a writer that stays open across calls: write to {@link Staged#temp()}, then
     * {@link Staged#commit()}; closing without committing deletes it.
     */
    public static Staged stage(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        return new Staged(target, Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp"));
    }

    /** A temporary file waiting to replace its target. */
    public static final class Staged implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private boolean committed;

        private Staged(Path target, Path temp) {
            this.target = target;
            this.temp = temp;
        }

        public Path temp() {
            return temp;
        }

        /** Renames the temporary file onto the target, replacing it. */
        public void commit() throws IOException {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // A file system that cannot rename atomically (even within a folder) still gets the whole file.
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        }

        /** Deletes the temporary file unless it was committed. */
        @Override
        public void close() {
            if (committed) {
                return;
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort: the caller is already reporting why the write failed; a hidden .tmp file is harmless.
            }
        }
    }

    /**
     * Builds a folder in a hidden sibling and renames it into place. An existing folder is first renamed aside
     * ({@code .NAME.old-<random>}) and deleted after the new one is in place, so {@code dir} never holds a mix of
     * old and new files.
     */
    public static void writeDirectory(Path dir, Content content) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Path temp = Files.createTempDirectory(parent, "." + dir.getFileName() + ".partial-");
        boolean moved = false;
        try {
            content.writeTo(temp);
            if (Files.exists(dir)) {
                Path old = Files.createTempDirectory(parent, "." + dir.getFileName() + ".old-");
                Files.delete(old); // only its unique name is wanted: the rename below needs a free path
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
                Folders.delete(old);
            } else {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            }
        } finally {
            if (!moved) {
                try {
                    Folders.delete(temp);
                } catch (IOException ignored) {
                    // Best effort, as for files: the real error is being reported.
                }
            }
        }
    }
}
