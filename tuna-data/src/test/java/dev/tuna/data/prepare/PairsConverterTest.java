package dev.tuna.data.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.data.jsonl.Jsonl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairsConverterTest {
    @TempDir
    Path dir;

    List<String[]> pairs(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(l -> {
            try {
                var m = Jsonl.MAPPER.readTree(l).get("messages");
                return new String[] {m.get(m.size() - 2).get("content").textValue(),
                    m.get(m.size() - 1).get("content").textValue()};
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void csvWithAByteOrderMarkQuotedCommasAndNewlines() throws IOException {
        Path in = dir.resolve("qa.csv");
        byte[] body = "id,질문,답\n1,\"서울, 부산 중 수도는?\",서울\n2,\"두 줄\n질문\", \"답 \"\"인용\"\"\" \n3,빈 답,\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(in, bytes);
        Path out = dir.resolve("qa.jsonl");
        PrepareSummary s = PairsConverter.convert(in, PairsFormat.of(in), "질문", "답", out, null,
                PrepareOptions.defaults().withSystem("짧게 답하라."));
        assertThat(s.read()).isEqualTo(3);
        assertThat(s.written()).isEqualTo(2);
        assertThat(s.skipped()).containsEntry(ExampleSelector.SKIP_EMPTY_ANSWER, 1L);
        assertThat(pairs(out)).containsExactly(new String[] {"서울, 부산 중 수도는?", "서울"},
                new String[] {"두 줄\n질문", "답 \"인용\""});
        assertThat(Files.readString(out)).startsWith("{\"messages\":[{\"role\":\"system\",\"content\":\"짧게 답하라.\"}");
    }

    @Test
    void tsvAndJsonl() throws IOException {
        Path tsv = Files.writeString(dir.resolve("qa.tsv"), "q\ta\n\"quoted\" q\tanswer 1\nq2\ta2\n");
        Path out = dir.resolve("t.jsonl");
        PairsConverter.convert(tsv, PairsFormat.of(tsv), "q", "a", out, null, PrepareOptions.defaults());
        assertThat(pairs(out)).containsExactly(new String[] {"\"quoted\" q", "answer 1"}, new String[] {"q2", "a2"});

        Path jsonl = Files.writeString(dir.resolve("qa.jsonl"),
                "{\"prompt\":\" 질문 \",\"completion\":\"답\"}\n\n{\"prompt\":\"n\",\"completion\":42}\n{\"prompt\":\"x\"}\n");
        PrepareSummary s = PairsConverter.convert(jsonl, PairsFormat.of(jsonl), "prompt", "completion", out, null,
                PrepareOptions.defaults());
        assertThat(pairs(out)).containsExactly(new String[] {"질문", "답"}, new String[] {"n", "42"});
        assertThat(s.skipped()).containsEntry(ExampleSelector.SKIP_EMPTY_ANSWER, 1L);
    }

    @Test
    void duplicatesAreListedByLineAndDroppedWithDedupe() throws IOException {
        Path in = Files.writeString(dir.resolve("d.csv"), "q,a\nsame,1\nother,2\nsame ,3\n");
        Path out = dir.resolve("d.jsonl");
        PrepareSummary kept = PairsConverter.convert(in, PairsFormat.CSV, "q", "a", out, null, PrepareOptions.defaults());
        assertThat(kept.written()).isEqualTo(3);
        assertThat(kept.duplicates()).containsExactly(new Duplicate("same", List.of("line 2", "line 4")));
        PrepareSummary dropped = PairsConverter.convert(in, PairsFormat.CSV, "q", "a", out, null,
                PrepareOptions.defaults().withDedupe(true));
        assertThat(dropped.written()).isEqualTo(2);
    }

    @Test
    void splitsRowsReproducibly() throws IOException {
        StringBuilder csv = new StringBuilder("q,a\n");
        for (int i = 0; i < 100; i++) {
            csv.append("q").append(i).append(",a").append(i).append('\n');
        }
        Path in = Files.writeString(dir.resolve("s.csv"), csv);
        Path out = dir.resolve("s.jsonl");
        PrepareSummary s = PairsConverter.convert(in, PairsFormat.CSV, "q", "a", out, null,
                PrepareOptions.defaults().withSplit(0.25, 3, SplitUnit.ARTICLE));
        assertThat(s.validationExamples()).isEqualTo(25);
        assertThat(s.trainExamples()).isEqualTo(75);
        List<String> first = Files.readAllLines(dir.resolve("s.val.jsonl"));
        PairsConverter.convert(in, PairsFormat.CSV, "q", "a", out, null,
                PrepareOptions.defaults().withSplit(0.25, 3, SplitUnit.ARTICLE));
        assertThat(Files.readAllLines(dir.resolve("s.val.jsonl"))).isEqualTo(first);
    }

    @Test
    void aMissingColumnNamesTheColumnsThereAre() throws IOException {
        Path in = Files.writeString(dir.resolve("m.csv"), "question,answer\nq,a\n");
        assertThatThrownBy(() -> PairsConverter.convert(in, PairsFormat.CSV, "q", "answer", dir.resolve("m.jsonl"),
                null, PrepareOptions.defaults()))
                .isInstanceOf(TunaException.class)
                .hasMessageContaining("no column named \"q\"; the header has question, answer")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(1);
        assertThat(dir.resolve("m.jsonl")).doesNotExist();
    }

    @Test
    void invalidUtf8AndBadJsonlLinesAreInputErrors() throws IOException {
        Path cp949 = dir.resolve("k.csv");
        Files.write(cp949, "q,a\n질문,답\n".getBytes(java.nio.charset.Charset.forName("EUC-KR")));
        assertThatThrownBy(() -> PairsConverter.convert(cp949, PairsFormat.CSV, "q", "a", dir.resolve("k.jsonl"),
                null, PrepareOptions.defaults()))
                .isInstanceOf(TunaException.class).hasMessageContaining("not UTF-8 text");
        Path bad = Files.writeString(dir.resolve("b.jsonl"), "{\"q\":\"1\",\"a\":\"2\"}\n{\"q\":\n");
        assertThatThrownBy(() -> PairsConverter.convert(bad, PairsFormat.JSONL, "q", "a", dir.resolve("b.out.jsonl"),
                null, PrepareOptions.defaults()))
                .isInstanceOf(TunaException.class).hasMessageContaining("b.jsonl line 2: not a JSON object");
    }

    @Test
    void theFormatComesFromTheFileName() {
        assertThat(PairsFormat.of(Path.of("x.CSV"))).isEqualTo(PairsFormat.CSV);
        assertThat(PairsFormat.of(Path.of("x.tsv"))).isEqualTo(PairsFormat.TSV);
        assertThat(PairsFormat.of(Path.of("x.ndjson"))).isEqualTo(PairsFormat.JSONL);
        assertThatThrownBy(() -> PairsFormat.of(Path.of("x.xlsx"))).isInstanceOf(TunaException.class)
                .hasMessageContaining("--format");
    }
}
