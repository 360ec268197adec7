package dev.tuna.data.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.data.chat.ChatMessage;
import dev.tuna.data.chat.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatFileTest {
    @TempDir
    Path dir;

    @Test
    void readsExamplesWithWeightsAndToolCalls() throws IOException {
        Path file = dir.resolve("t.jsonl");
        Files.writeString(file, """
                {"messages":[{"role":"system","content":"s"},{"role":"user","content":"질문"},{"role":"assistant","content":"답","weight":0}]}
                {"messages":[{"role":"user","content":"w?"},{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c","content":"1"},{"role":"assistant","content":"one"}],"tools":[{"type":"function","function":{"name":"f"}}]}
                """);
        var examples = ChatFile.read(file);
        assertThat(examples).hasSize(2);
        assertThat(examples.getFirst().messages()).containsExactly(ChatMessage.system("s"), ChatMessage.user("질문"),
                ChatMessage.assistant("답", 0));
        assertThat(examples.getFirst().messages().get(2).trained()).isFalse();
        var second = examples.get(1);
        assertThat(second.messages().get(1).toolCalls().getFirst().function().name()).isEqualTo("f");
        assertThat(second.messages().get(2).role()).isEqualTo(Role.TOOL);
        assertThat(second.messages().get(3).trained()).isTrue();
        assertThat(second.tools().get(0).at("/function/name").textValue()).isEqualTo("f");
    }

    @Test
    void stopsAtTheFirstBrokenRuleNamingLineAndFix() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}
                {"messages":[{"role":"user","content":"q"}]}
                """);
        assertThatThrownBy(() -> ChatFile.read(file)).isInstanceOf(TunaException.class)
                .hasMessageContaining("bad.jsonl line 2: example_missing_assistant_message")
                .hasMessageContaining("tuna validate")
                .extracting(e -> ((TunaException) e).exitCode()).isEqualTo(1);
    }
}
