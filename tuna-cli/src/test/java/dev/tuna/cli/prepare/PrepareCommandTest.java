package dev.tuna.cli.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.CliRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareCommandTest {
    static final Path KORQUAD_DEV = Path.of(System.getProperty("tuna.repo.root", "../"))
            .resolve("data/korquad/KorQuAD_v1.0_dev.json");

    @TempDir
    Path dir;

    static void assertNoStackTrace(CliRun run) {
        assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void korquadDevGives5774ExamplesThatValidate() throws IOException {
        Path out = dir.resolve("dev.jsonl");
        var run = CliRun.of("prepare", "korquad", KORQUAD_DEV.toString(), "-o", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Read 5,774 questions").contains("(KorQuAD_v1.0_dev; examples from 140 articles)")
                .contains("Wrote 5,774 examples to " + out).contains("Skipped: none")
                .contains("Kept 10 repeated questions (10 extra examples); --dedupe drops the repeats")
                .contains("방탄소년단의 팬클럽 이름은?  [6581515-0-1, 6507936-0-0]");
        assertThat(Files.readAllLines(out)).hasSize(5_774);

        var validate = CliRun.of("validate", out.toString());
        assertThat(validate.code()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("valid, 5,774 examples").contains("Tokens (o200k_base")
                .contains("Estimated cost: $");
    }

    @Test
    void dedupeWrites5764AndSaysWhatItDropped() throws IOException {
        Path out = dir.resolve("dedupe.jsonl");
        var run = CliRun.of("prepare", "korquad", KORQUAD_DEV.toString(), "-o", out.toString(), "--dedupe");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Wrote 5,764 examples").contains("10  duplicate question (--dedupe)")
                .contains("Dropped the repeats of 10 repeated questions");
        assertThat(Files.readAllLines(out)).hasSize(5_764);
    }

    @Test
    void splitLimitTemplateAndSystem() throws IOException {
        Path out = dir.resolve("train.jsonl");
        var run = CliRun.of("prepare", "korquad", KORQUAD_DEV.toString(), "-o", out.toString(), "--limit", "1000",
                "--val-fraction", "0.2", "--seed", "5", "--split-by", "paragraph", "--template", "context",
                "--system", "문단을 읽고 답하라.");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote 1,000 examples (template context, system message \"문단을 읽고 답하라.\")")
                .contains("validation").contains("paragraphs, seed 5").contains("Stopped at --limit 1,000");
        List<String> train = Files.readAllLines(out);
        List<String> val = Files.readAllLines(dir.resolve("train.val.jsonl"));
        assertThat(train.size() + val.size()).isEqualTo(1_000);
        assertThat(val.size()).isBetween(193, 207);
        assertThat(train.getFirst()).startsWith("{\"messages\":[{\"role\":\"system\",\"content\":\"문단을 읽고 답하라.\"}");
    }

    @Test
    void jsonSummary() throws IOException {
        var run = CliRun.of("prepare", "korquad", KORQUAD_DEV.toString(), "-o", dir.resolve("d.jsonl").toString(),
                "--json");
        assertThat(run.code()).isZero();
        var tree = new ObjectMapper().readTree(run.out());
        assertThat(tree.get("written").intValue()).isEqualTo(5_774);
        assertThat(tree.get("duplicates")).hasSize(10);
        assertThat(tree.at("/duplicates/0/ids")).hasSize(2);
    }

    @Test
    void pairsFromCsv() throws IOException {
        Path in = Files.writeString(dir.resolve("faq.csv"), "question,answer\n수도는?,서울\n\"a, b?\",c\n,empty\n");
        Path out = dir.resolve("faq.jsonl");
        var run = CliRun.of("prepare", "pairs", in.toString(), "-o", out.toString(), "--question-field", "question",
                "--answer-field", "answer");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Read 3 rows").contains("Wrote 2 examples").contains("1  empty question");
        assertThat(Files.readString(out)).isEqualTo(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"수도는?\"},{\"role\":\"assistant\",\"content\":\"서울\"}]}\n"
                        + "{\"messages\":[{\"role\":\"user\",\"content\":\"a, b?\"},{\"role\":\"assistant\",\"content\":\"c\"}]}\n");
    }

    @Test
    void badInputsGiveOneLineAndTheRightExitCode() throws IOException {
        var missing = CliRun.of("prepare", "korquad", dir.resolve("nope.json").toString(), "-o", "x.jsonl");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.json").contains("no such file");
        assertNoStackTrace(missing);

        var directory = CliRun.of("prepare", "squad", dir.toString(), "-o", dir.resolve("x.jsonl").toString());
        assertThat(directory.code()).isEqualTo(2);
        assertNoStackTrace(directory);

        Path chat = Files.writeString(dir.resolve("chat.jsonl"), "{\"messages\":[]}\n");
        var notSquad = CliRun.of("prepare", "korquad", chat.toString(), "-o", dir.resolve("x.jsonl").toString());
        assertThat(notSquad.code()).isEqualTo(1);
        assertThat(notSquad.err()).contains("not a SQuAD/KorQuAD file");
        assertNoStackTrace(notSquad);

        Path truncated = dir.resolve("cut.json");
        byte[] bytes = Files.readAllBytes(KORQUAD_DEV);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        var cut = CliRun.of("prepare", "korquad", truncated.toString(), "-o", dir.resolve("cut.jsonl").toString());
        assertThat(cut.code()).isEqualTo(1);
        assertThat(cut.err()).contains("cut.json");
        assertThat(dir.resolve("cut.jsonl")).doesNotExist();
        assertNoStackTrace(cut);

        Path binary = dir.resolve("b.json");
        Files.write(binary, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        var bin = CliRun.of("prepare", "korquad", binary.toString(), "-o", dir.resolve("b.jsonl").toString());
        assertThat(bin.code()).isEqualTo(1);
        assertNoStackTrace(bin);

        var fraction = CliRun.of("prepare", "korquad", KORQUAD_DEV.toString(), "-o", "x.jsonl", "--val-fraction", "1.5");
        assertThat(fraction.code()).isEqualTo(2);
        assertThat(fraction.err()).contains("--val-fraction must be at least 0 and below 1");

        var noOutput = CliRun.of("prepare", "korquad", KORQUAD_DEV.toString());
        assertThat(noOutput.code()).isEqualTo(2);
        assertThat(noOutput.err()).contains("Missing required option: '--output=OUT.jsonl'");
    }

    @Test
    void helpHasExamples() {
        for (String sub : new String[] {"korquad", "squad", "pairs"}) {
            var run = CliRun.of("prepare", sub, "--help");
            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("Examples:").contains("tuna prepare " + sub).contains("--output")
                    .contains("--val-fraction").contains("--dedupe");
        }
        assertThat(CliRun.of("--help").out()).contains("prepare").contains("validate");
    }

    /** A 40 MB SQuAD-layout file converts in a JVM whose heap could not even hold the file's JSON tree. */
    @Test
    void aFortyMegabyteFileConvertsInFlatMemory() throws Exception {
        Path big = dir.resolve("big.json");
        String context = "대한민국의 수도는 서울이다. ".repeat(70);
        long questions = 0;
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("{\"version\": \"synthetic\", \"data\": [");
            for (int a = 0; Files.size(big) < 40L << 20 || a == 0; a++) {
                w.write((a == 0 ? "" : ",") + "{\"title\": \"t" + a + "\", \"paragraphs\": [");
                for (int p = 0; p < 20; p++) {
                    w.write((p == 0 ? "" : ",") + "{\"context\": \"" + context + "\", \"qas\": [");
                    for (int q = 0; q < 5; q++) {
                        w.write((q == 0 ? "" : ",") + "{\"id\": \"" + a + "-" + p + "-" + q + "\", \"question\": \"질문 "
                                + a + "-" + p + "-" + q + "?\", \"answers\": [{\"text\": \"서울\", \"answer_start\": 10}]}");
                        questions++;
                    }
                    w.write("]}");
                }
                w.write("]}");
                w.flush();
            }
            w.write("]}");
        }
        assertThat(Files.size(big)).isGreaterThanOrEqualTo(40L << 20);
        Path out = dir.resolve("big.jsonl");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-cp", System.getProperty("java.class.path"), "dev.tuna.cli.Main",
                "prepare", "squad", big.toString(), "-o", out.toString(), "--val-fraction", "0.1"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(dir.resolve("log.txt"));
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains(String.format("Wrote %,d examples", questions));
        long lines;
        try (var s = Files.lines(out)) {
            lines = s.count();
        }
        try (var s = Files.lines(dir.resolve("big.val.jsonl"))) {
            lines += s.count();
        }
        assertThat(lines).isEqualTo(questions);
    }
}
