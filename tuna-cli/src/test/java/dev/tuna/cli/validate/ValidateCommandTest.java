package dev.tuna.cli.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path dir;

    static List<String> good(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"질문 " + i + "?\"},"
                    + "{\"role\":\"assistant\",\"content\":\"답 " + i + "\"}]}");
        }
        return lines;
    }

    Path write(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static void assertNoStackTrace(CliRun run) {
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aValidFilePassesWithTokenStatisticsEpochsAndCost() throws IOException {
        var run = CliRun.of("validate", write("ok.jsonl", good(60)).toString(), "--model", "gpt-3.5-turbo");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("ok.jsonl: valid, 60 examples").contains("for gpt-3.5-turbo")
                .contains("Tokens (cl100k_base, 60 well-formed examples)").contains("per example")
                .contains("assistant (learned)").contains("p90").contains("3 epochs")
                .contains("billed tokens").contains("Estimated cost: $0.").contains("per 1M training tokens");
        assertNoStackTrace(run);
    }

    @Test
    void errorsExitWithOneNamingLineCategoryAndFix() throws IOException {
        List<String> lines = good(12);
        lines.set(3, "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");
        var run = CliRun.of("validate", write("bad.jsonl", lines).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("NOT valid, 1 error")
                .contains("line 4: example_missing_assistant_message")
                .contains("fix: Add the answer you want the model to learn");
        assertNoStackTrace(run);
    }

    @Test
    void jsonGivesTheSameReportAsOneObject() throws IOException {
        var run = CliRun.of("validate", write("ok.jsonl", good(9)).toString(), "--json");
        assertThat(run.code()).isEqualTo(1);
        var tree = new ObjectMapper().readTree(run.out());
        assertThat(tree.get("valid").booleanValue()).isFalse();
        assertThat(tree.get("openai_error_code").textValue()).isEqualTo("invalid_n_examples");
        assertThat(tree.get("examples").intValue()).isEqualTo(9);
        assertThat(tree.at("/tokens/per_example/count").intValue()).isEqualTo(9);
    }

    @Test
    void aByteOrderMark() throws IOException {
        Path file = write("bom.jsonl", good(10));
        byte[] bytes = Files.readAllBytes(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out.write(bytes);
        }
        var run = CliRun.of("validate", file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("line 1: encoding: the file starts with a UTF-8 byte order mark")
                .contains("fix: Save the file as UTF-8 without a byte order mark");
        assertNoStackTrace(run);
    }

    @Test
    void invalidUtf8() throws IOException {
        Path file = dir.resolve("cp949.jsonl");
        String text = String.join("\n", good(10)) + "\n";
        Files.write(file, text.getBytes(java.nio.charset.Charset.forName("EUC-KR")));
        var run = CliRun.of("validate", file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("10 errors").contains("line 1: encoding: invalid UTF-8 at byte")
                .contains("CP949");
        assertNoStackTrace(run);
    }

    @Test
    void blankLines() throws IOException {
        List<String> lines = good(10);
        lines.add(4, "");
        var run = CliRun.of("validate", write("blank.jsonl", lines).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("line 5: blank_line: the line is blank").contains("fix: Delete the empty line");
        assertNoStackTrace(run);
    }

    @Test
    void aFiftyMegabyteSingleLine() throws IOException {
        Path file = dir.resolve("huge.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\"},{\"role\":\"assistant\",\"content\":\"a\"}]}".getBytes(StandardCharsets.UTF_8));
        }
        var run = CliRun.of("validate", file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("line 1: line_too_long: the line is 52,428,8")
                .contains("too_few_examples");
        assertNoStackTrace(run);
    }

    @Test
    void aLoneSurrogateEscape() throws IOException {
        List<String> lines = good(10);
        lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\","
                + "\"content\":\"y \\ud83d\"}]}");
        var run = CliRun.of("validate", write("lone.jsonl", lines).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("line 11: unpaired_surrogate: message 2 (assistant)'s \"content\" has a lone"
                + " \\uD83D at character 3").contains("fix: Fix the \\u escape");
        assertNoStackTrace(run);
    }

    @Test
    void truncatedJson() throws IOException {
        List<String> lines = good(10);
        String last = lines.removeLast();
        lines.add(last.substring(0, last.length() / 2));
        var run = CliRun.of("validate", write("cut.jsonl", lines).toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("line 10: invalid_json: the line ends before its JSON is complete");
        assertNoStackTrace(run);
    }

    @Test
    void aBinaryFile() throws IOException {
        Path file = dir.resolve("weights.safetensors");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        bytes[100] = 0;
        Files.write(file, bytes);
        var run = CliRun.of("validate", file.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("binary_file").contains("this is a binary file, not JSONL text");
        assertNoStackTrace(run);
    }

    @Test
    void aDirectoryCannotBeReadExitTwo() {
        var run = CliRun.of("validate", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("tuna: " + dir + " is a directory, not a file");
        assertNoStackTrace(run);
    }

    @Test
    void aMissingFileExitTwo() {
        var run = CliRun.of("validate", dir.resolve("nope.jsonl").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("nope.jsonl: no such file; check the path");
        assertThat(run.out()).isEmpty();
        assertNoStackTrace(run);
    }

    @Test
    void helpHasExamples() {
        var run = CliRun.of("validate", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("--model").contains("--json").contains("Examples:")
                .contains("tuna validate dev.jsonl");
    }
}
