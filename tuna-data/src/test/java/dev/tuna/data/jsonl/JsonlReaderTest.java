package dev.tuna.data.jsonl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlReaderTest {
    @TempDir
    Path dir;

    private List<JsonlLine> read(byte[] bytes, int maxLineBytes) throws IOException {
        Path file = dir.resolve("in.jsonl");
        Files.write(file, bytes);
        List<JsonlLine> lines = new ArrayList<>();
        try (JsonlReader reader = JsonlReader.open(file, maxLineBytes)) {
            for (JsonlLine line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private List<JsonlLine> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    @Test
    void numbersLinesAndDecodesKoreanText() throws IOException {
        var lines = read("{\"a\":\"질문\"}\n{\"b\":2}\r\nlast");
        assertThat(lines).extracting(JsonlLine::number).containsExactly(1L, 2L, 3L);
        assertThat(lines).extracting(JsonlLine::text).containsExactly("{\"a\":\"질문\"}", "{\"b\":2}", "last");
        assertThat(lines.get(1).byteOffset()).isEqualTo("{\"a\":\"질문\"}\n".getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aFinalNewlineDoesNotStartALineButAnEmptyLineBeforeItIsBlank() throws IOException {
        assertThat(read("a\nb\n")).hasSize(2);
        var lines = read("a\n\n  \n");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).isBlank()).isTrue();
        assertThat(lines.get(2).isBlank()).isTrue();
        assertThat(read("")).isEmpty();
    }

    @Test
    void removesAndReportsAByteOrderMark() throws IOException {
        Path file = dir.resolve("bom.jsonl");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}', '\n'});
        try (JsonlReader reader = JsonlReader.open(file)) {
            assertThat(reader.hadByteOrderMark()).isTrue();
            assertThat(reader.next().text()).isEqualTo("{}");
            assertThat(reader.next()).isNull();
            assertThat(reader.bytesRead()).isEqualTo(6);
        }
    }

    @Test
    void reportsInvalidUtf8WithItsBytePosition() throws IOException {
        byte[] bytes = {'o', 'k', '\n', 'a', 'b', (byte) 0xC0, 'c', '\n', 'x'};
        var lines = read(bytes, 1 << 20);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).text()).isNull();
        assertThat(lines.get(1).problem()).isEqualTo(new LineProblem(LineProblem.Kind.INVALID_UTF8, 3));
        assertThat(lines.get(2).text()).isEqualTo("x");
    }

    @Test
    void reportsNulBytesAsBinary() throws IOException {
        var lines = read(new byte[] {'P', 'K', 3, 4, 0, 0, '\n'}, 1 << 20);
        assertThat(lines.getFirst().problem()).isEqualTo(new LineProblem(LineProblem.Kind.BINARY, 5));
    }

    @Test
    void skipsOverlongLinesWithoutKeepingThemAndReadsOn() throws IOException {
        Path file = dir.resolve("long.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[100_000];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 30; i++) {
                out.write(chunk);
            }
            out.write("\n{}\n".getBytes(StandardCharsets.UTF_8));
        }
        try (JsonlReader reader = JsonlReader.open(file, 1 << 20)) {
            JsonlLine huge = reader.next();
            assertThat(huge.problem()).isEqualTo(new LineProblem(LineProblem.Kind.TOO_LONG, 1 << 20));
            assertThat(huge.byteLength()).isEqualTo(3_000_000);
            assertThat(reader.next().text()).isEqualTo("{}");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void aLineSpanningManyBuffersIsReadWhole() throws IOException {
        String big = "가".repeat(100_000);
        var lines = read(big + "\nend");
        assertThat(lines.getFirst().text()).isEqualTo(big);
        assertThat(lines.get(1).text()).isEqualTo("end");
    }

    @Test
    void missingFilesAndDirectoriesAreUsageErrors() {
        assertThatThrownBy(() -> JsonlReader.open(dir.resolve("nope.jsonl")))
                .isInstanceOf(TunaException.class).hasMessageContaining("nope.jsonl: no such file")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(TunaException.USAGE_OR_IO);
        assertThatThrownBy(() -> JsonlReader.open(dir))
                .isInstanceOf(TunaException.class).hasMessageContaining("is a directory")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(TunaException.USAGE_OR_IO);
    }
}
