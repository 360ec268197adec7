package dev.tuna.data.validate;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidatorTest {
    @TempDir
    Path dir;

    static String qa(int i) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":\"질문 " + i + "?\"},"
                + "{\"role\":\"assistant\",\"content\":\"답 " + i + "\"}]}";
    }

    static List<String> good(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(qa(i));
        }
        return lines;
    }

    Path file(List<String> lines) throws IOException {
        Path file = dir.resolve("train.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    static ValidationReport check(Path file) {
        return Validator.validate(file, "gpt-4o-mini");
    }

    @Test
    void aGoodFileIsValidWithTokenStatisticsAndCost() throws IOException {
        var report = check(file(good(60)));
        assertThat(report.valid()).isTrue();
        assertThat(report.errors()).isEmpty();
        assertThat(report.openAiErrorCode()).isNull();
        assertThat(report.examples()).isEqualTo(60);
        assertThat(report.model().encoding()).isEqualTo("o200k_base");
        // Each example: 3 + (3 + role + content) × 2 messages; "user"/"assistant" are one token each.
        TokenCounter o200k = TokenCounter.forEncoding("o200k_base");
        int expected = 3 + 3 + 1 + o200k.count("질문 7?") + 3 + 1 + o200k.count("답 7");
        assertThat(report.tokens().perExample().count()).isEqualTo(60);
        assertThat(report.tokens().perExample().min()).isLessThanOrEqualTo(expected);
        assertThat(report.tokens().perExample().max()).isGreaterThanOrEqualTo(expected);
        assertThat(report.tokens().assistant().mean()).isGreaterThan(0);
        assertThat(report.tokens().messages().p50()).isEqualTo(2.0);
        assertThat(report.cost().epochs()).isEqualTo(3);
        assertThat(report.cost().billedTokens()).isEqualTo(3 * report.tokens().totalTokens());
        assertThat(report.cost().estimatedCostUsd()).isCloseTo(report.cost().billedTokens() * 3.0 / 1e6,
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void countsTokensByTheCookbookRule() throws IOException {
        List<String> lines = good(10);
        lines.set(0, "{\"messages\":[{\"role\":\"system\",\"content\":\"You are terse.\",\"name\":\"sys\"},"
                + "{\"role\":\"user\",\"content\":\"Capital of France?\"},{\"role\":\"assistant\",\"content\":\"Paris\","
                + "\"weight\":1}]}");
        for (int i = 1; i < 10; i++) {
            lines.set(i, lines.getFirst());
        }
        var report = check(file(lines));
        TokenCounter t = TokenCounter.forEncoding("o200k_base");
        int expected = 3 + (3 + t.count("system") + t.count("You are terse.") + t.count("sys") + 1)
                + (3 + t.count("user") + t.count("Capital of France?")) + (3 + t.count("assistant") + t.count("Paris"));
        assertThat(report.tokens().perExample().max()).isEqualTo(expected);
        assertThat(report.tokens().assistant().max()).isEqualTo(t.count("Paris"));
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("[1,2]", ErrorCategory.DATA_TYPE, "is a list, not a JSON object"),
                Arguments.of("\"text\"", ErrorCategory.DATA_TYPE, "not a JSON object"),
                Arguments.of("{\"messages\":[\"hi\",{\"role\":\"assistant\",\"content\":\"a\"}]}", ErrorCategory.DATA_TYPE, "message 1 is a string"),
                Arguments.of("{}", ErrorCategory.MISSING_MESSAGES_LIST, "no \"messages\" list"),
                Arguments.of("{\"messages\":[]}", ErrorCategory.MISSING_MESSAGES_LIST, "empty list"),
                Arguments.of("{\"messages\":{\"role\":\"user\"}}", ErrorCategory.MISSING_MESSAGES_LIST, "not a list"),
                Arguments.of("{\"messages\":[{\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}]}",
                        ErrorCategory.MESSAGE_MISSING_KEY, "message 1 has no \"role\""),
                Arguments.of("{\"messages\":[{\"role\":\"user\"},{\"role\":\"assistant\",\"content\":\"a\"}]}",
                        ErrorCategory.MESSAGE_MISSING_KEY, "message 1 (user) has no \"content\""),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"lang\":\"ko\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}",
                        ErrorCategory.MESSAGE_UNRECOGNIZED_KEY, "has \"lang\", an unknown key"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"weight\":1},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}",
                        ErrorCategory.MESSAGE_UNRECOGNIZED_KEY, "which user messages may not have"),
                Arguments.of("{\"messages\":[{\"role\":\"developer\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}",
                        ErrorCategory.UNRECOGNIZED_ROLE, "use \"system\" instead"),
                Arguments.of("{\"messages\":[{\"role\":\"bot\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}", ErrorCategory.UNRECOGNIZED_ROLE, "\"bot\""),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}", ErrorCategory.MISSING_CONTENT, "is empty"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"q\"}]},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}", ErrorCategory.MISSING_CONTENT,
                        "is a list, not a string"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":null}]}", ErrorCategory.MISSING_CONTENT, "is null"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":5}]}", ErrorCategory.MISSING_CONTENT, "a number (5)"),
                Arguments.of("{\"messages\":[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":\"q\"}]}",
                        ErrorCategory.EXAMPLE_MISSING_ASSISTANT_MESSAGE, "no assistant message"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"a\"}"
                        + ",{\"role\":\"user\",\"content\":\"q\"}", ErrorCategory.INVALID_JSON, "truncated"),
                Arguments.of("{\"messages\":[]} {}", ErrorCategory.INVALID_JSON, "invalid JSON"),
                Arguments.of("{'messages':[]}", ErrorCategory.INVALID_JSON, "at column 2"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                        + "\"content\":\"a\"}],\"messages\":[]}", ErrorCategory.INVALID_JSON, "Duplicate field"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                        + "\"content\":\"a\"}],\"prompt\":\"q\"}", ErrorCategory.EXAMPLE_UNRECOGNIZED_KEY,
                        "legacy prompt/completion format"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":2}]}", ErrorCategory.INVALID_WEIGHT,
                        "\"weight\" is 2; it must be 0 or 1"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\",\"weight\":\"1\"}]}", ErrorCategory.INVALID_WEIGHT,
                        "must be 0 or 1"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\",\"name\":3},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}", ErrorCategory.INVALID_FIELD, "\"name\""),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                        + "\"content\":\"a\"}],\"parallel_tool_calls\":\"no\"}", ErrorCategory.INVALID_FIELD,
                        "parallel_tool_calls"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                        + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
                        + "\"arguments\":{}}}]}]}", ErrorCategory.INVALID_TOOL_CALL, "\"arguments\" must be a string"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"tool\","
                        + "\"tool_call_id\":\"c9\",\"content\":\"1\"},{\"role\":\"assistant\",\"content\":\"a\"}]}",
                        ErrorCategory.INVALID_TOOL_CALL, "which no earlier assistant message made"),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                        + "\"content\":\"a\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"parameters\":{}}}]}",
                        ErrorCategory.INVALID_TOOLS, "has no \"name\""),
                Arguments.of("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                        + "\"content\":\"a\"}],\"tools\":{}}", ErrorCategory.INVALID_TOOLS, "not a list"),
                Arguments.of("", ErrorCategory.BLANK_LINE, "blank"),
                Arguments.of("   ", ErrorCategory.BLANK_LINE, "blank"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badLines")
    void eachBrokenRuleIsReportedWithLineCategoryAndFix(String bad, ErrorCategory category, String message)
            throws IOException {
        List<String> lines = good(12);
        lines.add(5, bad);
        var report = check(file(lines));
        assertThat(report.valid()).isFalse();
        assertThat(report.openAiErrorCode()).isEqualTo("invalid_file_format");
        assertThat(report.errors()).hasSize(1);
        ValidationError error = report.errors().getFirst();
        assertThat(error.line()).isEqualTo(6);
        assertThat(error.category()).isEqualTo(category);
        assertThat(error.message()).contains(message);
        assertThat(error.fix()).isNotBlank();
        assertThat(report.errorCounts()).containsEntry(category.wireName(), 1L);
        assertThat(report.failureMessage()).contains("line 6: " + category.wireName());
    }

    @Test
    void toolCallingExamplesAreValid() throws IOException {
        String tools = "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Seoul?\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Seoul\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"21.0\"},"
                + "{\"role\":\"assistant\",\"content\":\"It is 21 degrees.\",\"weight\":1}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"d\","
                + "\"parameters\":{\"type\":\"object\"}}}],\"parallel_tool_calls\":false}";
        String functions = "{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\","
                + "\"content\":null,\"function_call\":{\"name\":\"f\",\"arguments\":\"{}\"}},{\"role\":\"function\","
                + "\"name\":\"f\",\"content\":\"1\"},{\"role\":\"assistant\",\"content\":\"one\"}],"
                + "\"functions\":[{\"name\":\"f\",\"parameters\":{}}]}";
        List<String> lines = good(10);
        lines.add(tools);
        lines.add(functions);
        var report = check(file(lines));
        assertThat(report.errors()).isEmpty();
        assertThat(report.valid()).isTrue();
    }

    @Test
    void aLoneSurrogateEscapeIsAnErrorWithItsLineWhileAPairedOneIsText() throws IOException {
        List<String> lines = good(12);
        // 😀 written as its escaped pair is fine; its first half alone (text cut mid-emoji) is not.
        lines.set(3, "{\"messages\":[{\"role\":\"user\",\"content\":\"웃어 \\ud83d\\ude00\"},"
                + "{\"role\":\"assistant\",\"content\":\"네\"}]}");
        lines.set(7, "{\"messages\":[{\"role\":\"user\",\"content\":\"웃어\"},"
                + "{\"role\":\"assistant\",\"content\":\"네 \\ud83d\"}]}");
        var report = check(file(lines));
        assertThat(report.valid()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.category()).isEqualTo(ErrorCategory.UNPAIRED_SURROGATE);
            assertThat(e.message()).contains("message 2").contains("\\uD83D").contains("character 3");
        });
    }

    @Test
    void unpairedSurrogatesAreFoundWhereverTheyAre() {
        assertThat(ExampleRules.unpairedSurrogate("plain 한국어")).isEqualTo(-1);
        assertThat(ExampleRules.unpairedSurrogate("\ud83d\ude00")).isEqualTo(-1);
        assertThat(ExampleRules.unpairedSurrogate("a\ude00")).isEqualTo(1);
        assertThat(ExampleRules.unpairedSurrogate("\ud83d")).isZero();
        assertThat(ExampleRules.unpairedSurrogate("\ud83d\ud83d\ude00")).isZero();
    }

    @Test
    void tooFewExamplesIsOpenAisInvalidNExamples() throws IOException {
        var report = check(file(good(9)));
        assertThat(report.valid()).isFalse();
        assertThat(report.openAiErrorCode()).isEqualTo("invalid_n_examples");
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isZero();
            assertThat(e.category()).isEqualTo(ErrorCategory.TOO_FEW_EXAMPLES);
        });
        assertThat(report.failureMessage()).contains("has 9 example(s), but must have at least 10");
        assertThat(report.cost().epochs()).isEqualTo(11);
    }

    @Test
    void anEmptyFileHasNoExamples() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        var report = check(empty);
        assertThat(report.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("no examples (it is empty)"));
    }

    @Test
    void examplesOverTheModelsTokenLimitAreErrorsAndCountedInTheStatistics() throws IOException {
        List<String> lines = good(10);
        lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "hello ".repeat(5000)
                + "\"},{\"role\":\"assistant\",\"content\":\"a\"}]}");
        var forMini = check(file(lines));
        assertThat(forMini.valid()).isTrue();
        var for0613 = Validator.validate(file(lines), "gpt-3.5-turbo-0613");
        assertThat(for0613.model().tokenLimit()).isEqualTo(4096);
        assertThat(for0613.errors()).singleElement().satisfies(e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.TOO_MANY_TOKENS);
            assertThat(e.line()).isEqualTo(11);
            assertThat(e.message()).contains("at most 4,096 per example");
        });
        assertThat(for0613.tokens().overLimit()).isEqualTo(1);
        // Billing caps each example at the limit.
        long others = for0613.tokens().totalTokens() - for0613.tokens().perExample().max();
        assertThat(for0613.cost().tokensPerEpoch()).isEqualTo(others + 4096);
    }

    @Test
    void warnsAboutEmptySystemMessagesDuplicatesBlankAnswersAndFewExamples() throws IOException {
        List<String> lines = good(12);
        lines.add("{\"messages\":[{\"role\":\"system\",\"content\":\"\"},{\"role\":\"user\",\"content\":\"q\"},"
                + "{\"role\":\"assistant\",\"content\":\"a\"}]}");
        lines.add(qa(3));
        lines.add(qa(4));
        lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"  \"}]}");
        lines.add("{\"messages\":[{\"role\":\"assistant\",\"content\":\"hi\",\"weight\":0}]}");
        var report = check(file(lines));
        assertThat(report.valid()).isTrue();
        assertThat(report.warnings()).extracting(ValidationWarning::category).containsExactly(
                WarningCategory.EMPTY_SYSTEM_MESSAGE, WarningCategory.DUPLICATE_EXAMPLE, WarningCategory.EMPTY_ANSWER,
                WarningCategory.MISSING_USER_MESSAGE, WarningCategory.NOTHING_TRAINED, WarningCategory.FEW_EXAMPLES);
        ValidationWarning duplicates = report.warnings().get(1);
        assertThat(duplicates.count()).isEqualTo(2);
        assertThat(duplicates.lines()).containsExactly(14L, 15L);
        assertThat(duplicates.message()).contains("line 14 repeats line 4", "line 15 repeats line 5");
        assertThat(report.warnings().getFirst().lines()).containsExactly(13L);
    }

    @Test
    void warnsAboutVeryLongAnswers() throws IOException {
        List<String> lines = good(60);
        lines.add("{\"messages\":[{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\""
                + "word ".repeat(5000) + "\"}]}");
        var report = check(file(lines));
        assertThat(report.warnings()).singleElement().satisfies(w -> {
            assertThat(w.category()).isEqualTo(WarningCategory.LONG_ANSWER);
            assertThat(w.lines()).containsExactly(61L);
        });
    }

    @Test
    void aByteOrderMarkIsAnEncodingErrorOnLineOne() throws IOException {
        Path file = file(good(10));
        byte[] bytes = Files.readAllBytes(file);
        byte[] withBom = new byte[bytes.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, withBom, 3, bytes.length);
        Files.write(file, withBom);
        var report = check(file);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.category()).isEqualTo(ErrorCategory.ENCODING);
            assertThat(e.message()).contains("byte order mark");
            assertThat(e.fix()).contains("without a byte order mark");
        });
        assertThat(report.examples()).isEqualTo(10);
    }

    @Test
    void invalidUtf8IsAnEncodingErrorNamingTheLineAndByte() throws IOException {
        Path file = file(good(11));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        int lineThree = text.indexOf(qa(2));
        byte[] cp949 = "질문".getBytes(java.nio.charset.Charset.forName("EUC-KR"));
        byte[] broken = new byte[bytes.length];
        System.arraycopy(bytes, 0, broken, 0, bytes.length);
        int at = new String(bytes, 0, 0, StandardCharsets.UTF_8).length() + text.substring(0, lineThree)
                .getBytes(StandardCharsets.UTF_8).length + 40;
        broken[at] = cp949[0];
        Files.write(file, broken);
        var report = check(file);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.category()).isEqualTo(ErrorCategory.ENCODING);
            assertThat(e.message()).contains("invalid UTF-8 at byte");
            assertThat(e.fix()).contains("CP949");
        });
    }

    @Test
    void aBinaryFileIsOneErrorAndReadingStops() throws IOException {
        Path file = dir.resolve("model.bin");
        byte[] bytes = new byte[100_000];
        new java.util.Random(1).nextBytes(bytes);
        bytes[10] = 0;
        Files.write(file, bytes);
        var report = check(file);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.category()).isEqualTo(ErrorCategory.BINARY_FILE);
            assertThat(e.message()).contains("binary file");
        });
    }

    @Test
    void aFiftyMegabyteLineIsReportedInFlatMemoryAndTheRestIsValidated() throws IOException {
        Path file = dir.resolve("huge.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "가나다라마바사아자차".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            for (long written = 0; written < 50L << 20; written += chunk.length) {
                out.write(chunk);
            }
            out.write("\"},{\"role\":\"assistant\",\"content\":\"a\"}]}\n".getBytes(StandardCharsets.UTF_8));
            for (String line : good(10)) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        var report = check(file);
        assertThat(report.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.category()).isEqualTo(ErrorCategory.LINE_TOO_LONG);
            assertThat(e.message()).contains("bytes long");
        });
        assertThat(report.examples()).isEqualTo(11);
        assertThat(report.tokens().perExample().count()).isEqualTo(10);
    }

    @Test
    void errorsBeyondTheReportedListAreStillCounted() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            lines.add("{}");
        }
        var report = check(file(lines));
        assertThat(report.errorCount()).isEqualTo(150);
        assertThat(report.errors()).hasSize(Validator.MAX_REPORTED_ERRORS);
        assertThat(report.errorCounts()).containsEntry("missing_messages_list", 150L);
    }

    @Test
    void aMissingFileOrADirectoryCannotBeReadAndIsAUsageError() {
        assertThatThrownBy(() -> check(dir.resolve("missing.jsonl"))).isInstanceOf(TunaException.class)
                .hasMessageContaining("no such file")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(2);
        assertThatThrownBy(() -> check(dir)).isInstanceOf(TunaException.class)
                .hasMessageContaining("is a directory")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(2);
    }

    @Test
    void theReportSerialisesToOneJsonObjectWithSnakeCaseKeys() throws IOException {
        List<String> lines = good(12);
        lines.set(2, "{}");
        String json = check(file(lines)).toJson();
        var tree = dev.tuna.data.jsonl.Jsonl.MAPPER.readTree(json);
        assertThat(tree.get("valid").booleanValue()).isFalse();
        assertThat(tree.get("openai_error_code").textValue()).isEqualTo("invalid_file_format");
        assertThat(tree.get("error_count").intValue()).isEqualTo(1);
        assertThat(tree.at("/errors/0/line").intValue()).isEqualTo(3);
        assertThat(tree.at("/errors/0/category").textValue()).isEqualTo("missing_messages_list");
        assertThat(tree.at("/errors/0/fix").textValue()).isNotBlank();
        assertThat(tree.at("/model/token_limit").intValue()).isEqualTo(65_536);
        assertThat(tree.at("/tokens/per_example/p90").isNumber()).isTrue();
        assertThat(tree.at("/cost/epochs").intValue()).isEqualTo(9);
        assertThat(tree.at("/cost/estimated_cost_usd").isNumber()).isTrue();
    }
}
