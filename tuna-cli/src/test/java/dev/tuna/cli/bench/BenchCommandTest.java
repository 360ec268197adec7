package dev.tuna.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tuna.cli.TunaCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void quickJsonRunReportsMatmulFiguresAgainstThePeak() throws Exception {
        String json = run("bench", "--quick", "--json", "--only", "matmul", "--threads", "2");
        JsonNode root = new ObjectMapper().readTree(json);
        JsonNode m = root.path("matmul");
        assertThat(m.path("threads").asInt()).isEqualTo(2);
        for (String key : new String[] {"peak_1_thread_gflops", "peak_2_threads_gflops", "f32_1_thread_gflops",
                "f32_2_threads_gflops", "bf16_1_thread_gflops", "bf16_2_threads_gflops",
                "f32_backward_input_2_threads_gflops", "f32_backward_weight_2_threads_gflops",
                "bf16_decode_1_thread_gb_per_s", "bf16_decode_2_threads_gb_per_s"}) {
            assertThat(m.path(key).isNumber()).as(key).isTrue();
            assertThat(m.path(key).asDouble()).as(key).isPositive();
        }
        assertThat(root.path("peak_memory_mb").asDouble()).isPositive();
    }

    @Test
    void quickRunOfEveryPartReportsTrainingAndGenerationFigures() throws Exception {
        JsonNode root = new ObjectMapper().readTree(run("bench", "--quick", "--json", "--only", "train,generate"));
        assertThat(root.has("matmul")).isFalse();
        for (String path : new String[] {"/train/smollm2_135m_lora/tokens_per_s", "/train/nano_full/tokens_per_s",
                "/generate/smollm2_135m_bf16/prefill_tokens_per_s", "/generate/smollm2_135m_bf16/decode_tokens_per_s",
                "/generate/smollm2_135m_bf16/decode_weight_gb_per_s",
                "/train/smollm2_135m_lora/peak_memory_mb", "/peak_memory_mb"}) {
            assertThat(root.at(path).asDouble()).as(path).isPositive();
        }
        // LoRA trains far fewer parameters than full fine-tuning of the same toy model would.
        assertThat(root.at("/train/smollm2_135m_lora/trainable_parameters").asLong()).isPositive();
        assertThat(root.at("/train/smollm2_135m_lora/shape").asText()).contains("layers");
    }

    @Test
    void textOutputNamesUnitsAndPeakShare() throws Exception {
        String text = run("bench", "--quick", "--only", "matmul", "--threads", "1");
        assertThat(text).contains("matmul:").contains("GFLOP/s").contains("% of peak").contains("GB/s")
                .doesNotContain("2 threads");
    }

    @Test
    void unknownPartIsAUsageError() {
        var err = new ByteArrayOutputStream();
        var cli = cli();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertThat(cli.execute("bench", "--only", "nothing")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing");
    }

    /** The CLI as Main configures it (lower-case part names). */
    private static picocli.CommandLine cli() {
        return new picocli.CommandLine(new TunaCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static String run(String... args) {
        var bytes = new ByteArrayOutputStream();
        var cli = cli();
        cli.setOut(new java.io.PrintWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8), true));
        assertThat(cli.execute(args)).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
