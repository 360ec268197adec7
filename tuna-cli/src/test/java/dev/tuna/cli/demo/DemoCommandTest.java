package dev.tuna.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.cli.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tuna demo --quick}: every step of the tutorial runs against the in-process server and the summary holds. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quickDemoRunsEveryStepAndAnswersReproducibly() throws Exception {
        Path dataset = Path.of("..", "data", "korquad", "KorQuAD_v1.0_dev.json");
        Cli.Result r = Cli.run("demo", "--quick", "--dir", tmp.resolve("demo").toString(),
                "--dataset", dataset.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        String out = r.out();
        for (int step = 1; step <= 8; step++) {
            assertThat(out).as("step " + step).contains("── " + step + "/8  ");
        }
        assertThat(out).contains("--system ''").contains("--compare-system").contains("jobs cancel")
                .contains("Fine-tuned model: ft:tuna-nano:local:korquad:").doesNotContain("Exception");

        // The question asked twice with the same seed gets the same answer both times.
        List<String> lines = out.lines().toList();
        int twice = lines.indexOf(lines.stream().filter(l -> l.contains("same seed, twice")).findFirst().orElseThrow());
        List<Integer> asks = new java.util.ArrayList<>();
        for (int i = twice + 1; i < lines.size() && asks.size() < 2; i++) {
            if (lines.get(i).startsWith("$ tuna chat")) {
                asks.add(i);
            }
        }
        assertThat(asks).hasSize(2);
        assertThat(lines.get(asks.get(0))).isEqualTo(lines.get(asks.get(1)));
        assertThat(lines.get(asks.get(0) + 1)).isNotBlank().isEqualTo(lines.get(asks.get(1) + 1));

        var report = Pattern.compile("Reports: (\\S+\\.html)").matcher(out);
        assertThat(report.find()).as(out).isTrue();
        assertThat(Files.readString(Path.of(report.group(1)))).contains("KorQuAD");
    }
}
