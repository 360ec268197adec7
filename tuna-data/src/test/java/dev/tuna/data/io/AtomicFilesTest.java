package dev.tuna.data.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryBehind() throws IOException {
        Path f = Files.writeString(dir.resolve("a.json"), "old content, longer than the new one\n");
        AtomicFiles.writeString(f, "새 내용\n");
        assertThat(Files.readString(f, StandardCharsets.UTF_8)).isEqualTo("새 내용\n");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
        assertThat(names(dir)).containsExactly("a.json");
    }

    @Test
    void syncedAndStreamedWritesGiveTheWholeFile() throws IOException {
        Path f = dir.resolve("b.bin");
        AtomicFiles.writeSynced(f, temp -> {
            try (var out = Files.newOutputStream(temp)) {
                for (int i = 0; i < 1000; i++) {
                    out.write(i);
                }
            }
        });
        assertThat(Files.size(f)).isEqualTo(1000);
        assertThat(names(dir)).containsExactly("b.bin");
    }

    @Test
    void aFailingWriterLeavesTheOldContentAndNoTemporary() throws IOException {
        Path f = Files.writeString(dir.resolve("c.txt"), "old\n");
        for (boolean synced : List.of(false, true)) {
            AtomicFiles.Content failing = temp -> {
                Files.writeString(temp, "half of the new");
                throw new IOException("disk full");
            };
            assertThatThrownBy(() -> {
                if (synced) {
                    AtomicFiles.writeSynced(f, failing);
                } else {
                    AtomicFiles.write(f, failing);
                }
            }).isInstanceOf(IOException.class).hasMessage("disk full");
            assertThat(Files.readString(f)).isEqualTo("old\n");
            assertThat(names(dir)).containsExactly("c.txt");
        }
        assertThatThrownBy(() -> AtomicFiles.write(f, temp -> {
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(names(dir)).containsExactly("c.txt");
    }

    @Test
    void theTemporaryIsHiddenBesideTheTargetUntilCommitted() throws IOException {
        Path f = Files.writeString(dir.resolve("d.jsonl"), "old\n");
        try (AtomicFiles.Staged staged = AtomicFiles.stage(f)) {
            assertThat(staged.temp().getParent()).isEqualTo(dir);
            assertThat(staged.temp().getFileName().toString()).startsWith(".d.jsonl.").endsWith(".tmp");
            Files.writeString(staged.temp(), "new\n");
            assertThat(Files.readString(f)).isEqualTo("old\n");
            staged.commit();
        }
        assertThat(Files.readString(f)).isEqualTo("new\n");
        try (AtomicFiles.Staged staged = AtomicFiles.stage(f)) {
            Files.writeString(staged.temp(), "abandoned\n");
        }
        assertThat(Files.readString(f)).isEqualTo("new\n");
        assertThat(names(dir)).containsExactly("d.jsonl");
    }

    @Test
    void doesNotCreateAMissingParentFolder() {
        Path f = dir.resolve("no/such/folder/e.txt");
        assertThatThrownBy(() -> AtomicFiles.writeString(f, "x")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> AtomicFiles.writeDirectory(dir.resolve("no/such/model"), temp -> {
        })).isInstanceOf(NoSuchFileException.class);
        assertThat(dir.resolve("no")).doesNotExist();
    }

    @Test
    void theFileIsOwnerOnlyAsWithCreateTempFile() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Path f = dir.resolve("f.txt");
        AtomicFiles.writeString(f, "x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }

    @Test
    void writesAFolderAndReplacesAnOlderOneWhole() throws IOException {
        Path model = dir.resolve("model");
        AtomicFiles.writeDirectory(model, temp -> {
            Files.writeString(temp.resolve("config.json"), "{}");
            Files.writeString(temp.resolve("stale.bin"), "only in the first version");
        });
        AtomicFiles.writeDirectory(model, temp -> Files.writeString(temp.resolve("config.json"), "{\"v\": 2}"));
        assertThat(names(model)).containsExactly("config.json");
        assertThat(Files.readString(model.resolve("config.json"))).isEqualTo("{\"v\": 2}");
        assertThat(names(dir)).containsExactly("model");
    }

    @Test
    void aFailingFolderWriterLeavesTheOldFolderAndNoTemporary() throws IOException {
        Path model = dir.resolve("model");
        AtomicFiles.writeDirectory(model, temp -> Files.writeString(temp.resolve("config.json"), "old"));
        assertThatThrownBy(() -> AtomicFiles.writeDirectory(model, temp -> {
            Files.createDirectories(temp.resolve("sub"));
            Files.writeString(temp.resolve("sub/weights"), "half");
            throw new IOException("killed");
        })).hasMessage("killed");
        assertThat(names(model)).containsExactly("config.json");
        assertThat(Files.readString(model.resolve("config.json"))).isEqualTo("old");
        assertThat(names(dir)).containsExactly("model");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
