package dev.tuna.cli.demo;

import dev.tuna.data.TunaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's working folder. It is emptied at the start of a run, so it must be one the demo made (it holds a marker
 * file): the demo never deletes a folder of the user's.
 */
record DemoFolder(Path root) {
    private static final String MARKER = ".tuna-demo";

    static DemoFolder prepare(Path root) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new TunaException(abs + " is a file, not a folder: choose another --dir");
            }
            boolean empty;
            try (Stream<Path> s = Files.list(abs)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(abs.resolve(MARKER))) {
                throw new TunaException(abs + " already holds files that the demo did not make; it empties its folder "
                        + "first, so choose an empty or new one with --dir");
            }
            deleteContents(abs);
        }
        Files.createDirectories(abs);
        Files.writeString(abs.resolve(MARKER), "made by 'tuna demo'; emptied by its next run\n");
        return new DemoFolder(abs);
    }

    Path server() {
        return root.resolve("server");
    }

    /** The KorQuAD dev set shipped in the repository (the launcher runs from its root, or tuna.repo.root says where). */
    static Path shippedKorquad() {
        String repo = System.getProperty("tuna.repo.root");
        Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
        for (Path p = base; p != null; p = p.getParent()) {
            Path candidate = p.resolve("data/korquad/KorQuAD_v1.0_dev.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new TunaException("the KorQuAD dev set (data/korquad/KorQuAD_v1.0_dev.json) is not under " + base
                + ": run the demo from the repository, or pass --dataset FILE");
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}
