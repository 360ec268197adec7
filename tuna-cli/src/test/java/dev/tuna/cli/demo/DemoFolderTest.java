package dev.tuna.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo empties its folder before a run, so it must never empty one it did not make. */
class DemoFolderTest {
    @TempDir
    Path tmp;

    @Test
    void refusesAFolderWithSomeoneElsesFiles() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(mine.resolve("thesis.tex"), "precious");

        assertThatThrownBy(() -> DemoFolder.prepare(mine))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("--dir");
        assertThat(mine.resolve("thesis.tex")).hasContent("precious");
    }

    @Test
    void emptiesItsOwnFolderOnTheNextRun() throws Exception {
        DemoFolder first = DemoFolder.prepare(tmp.resolve("demo"));
        Files.createDirectories(first.server().resolve("files"));
        Files.writeString(first.server().resolve("files/old.jsonl"), "{}");

        DemoFolder second = DemoFolder.prepare(tmp.resolve("demo"));

        assertThat(second.server()).doesNotExist();
        assertThat(second.root()).isDirectory();
    }

    @Test
    void refusesAFileInPlaceOfTheFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("demo"), "x");
        assertThatThrownBy(() -> DemoFolder.prepare(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("is a file");
    }
}
