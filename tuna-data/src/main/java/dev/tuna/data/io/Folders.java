package dev.tuna.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a whole folder (model folders, checkpoints, job folders, temporaries). */
public final class Folders {
    private Folders() {
    }

    /** Deletes {@code dir} and everything in it, deepest first; nothing happens when it is null or absent. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
