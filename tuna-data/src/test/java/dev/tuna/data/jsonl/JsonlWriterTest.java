package dev.tuna.data.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.data.chat.ChatExample;
import dev.tuna.data.chat.ChatMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesOneObjectPerLineWithKoreanAsText() throws IOException {
        Path out = dir.resolve("out.jsonl");
        try (JsonlWriter writer = JsonlWriter.create(out)) {
            writer.write(ChatExample.questionAnswer(null, "방탄소년단의 팬클럽 이름은?", "아미(ARMY)"));
            writer.write(ChatExample.questionAnswer("", "q \"quoted\"\n", "a"));
            writer.commit();
            assertThat(writer.lines()).isEqualTo(2);
        }
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"방탄소년단의 팬클럽 이름은?\"},"
                        + "{\"role\":\"assistant\",\"content\":\"아미(ARMY)\"}]}\n"
                        + "{\"messages\":[{\"role\":\"system\",\"content\":\"\"},"
                        + "{\"role\":\"user\",\"content\":\"q \\\"quoted\\\"\\n\"},"
                        + "{\"role\":\"assistant\",\"content\":\"a\"}]}\n");
    }

    @Test
    void writesWeightAndToolFieldsOnlyWhenSet() throws IOException {
        Path out = dir.resolve("w.jsonl");
        try (JsonlWriter writer = JsonlWriter.create(out)) {
            writer.write(ChatExample.of(ChatMessage.user("hi"), ChatMessage.assistant("x", 0),
                    ChatMessage.tool("call_1", "21.0")));
            writer.commit();
        }
        assertThat(Files.readString(out)).isEqualTo("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"x\",\"weight\":0},"
                + "{\"role\":\"tool\",\"content\":\"21.0\",\"tool_call_id\":\"call_1\"}]}\n");
    }

    @Test
    void leavesNothingBehindWhenNotCommitted() throws IOException {
        Path out = dir.resolve("never.jsonl");
        try (JsonlWriter writer = JsonlWriter.create(out)) {
            writer.write(ChatExample.questionAnswer(null, "q", "a"));
        }
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void replacesAnExistingFileOnlyOnCommit() throws IOException {
        Path out = dir.resolve("x.jsonl");
        Files.writeString(out, "old\n");
        try (JsonlWriter writer = JsonlWriter.create(out)) {
            writer.write(ChatExample.questionAnswer(null, "q", "a"));
            assertThat(Files.readString(out)).isEqualTo("old\n");
            writer.commit();
        }
        assertThat(Files.readString(out)).startsWith("{\"messages\"");
    }
}
