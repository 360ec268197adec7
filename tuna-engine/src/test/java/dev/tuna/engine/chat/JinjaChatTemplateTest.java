package dev.tuna.engine.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.engine.tokenizer.HfTokenizer;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JinjaChatTemplateTest {
    static Path model(String name) {
        try {
            return Path.of(JinjaChatTemplateTest.class.getResource("/hf/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JinjaChatTemplate template(String name) {
        try (HfTokenizer t = HfTokenizer.load(model(name))) {
            return JinjaChatTemplate.load(model(name), t.specialTokens());
        }
    }

    private static final List<Turn> CHAT = List.of(
            Turn.system("Answer briefly."), Turn.user("Capital of Korea?"), Turn.assistant("Seoul"));

    @Test
    void smolLm2ChatMl() {
        JinjaChatTemplate t = template("chatml");
        assertThat(t.render(CHAT, false)).isEqualTo("<|im_start|>system\nAnswer briefly.<|im_end|>\n"
                + "<|im_start|>user\nCapital of Korea?<|im_end|>\n<|im_start|>assistant\nSeoul<|im_end|>\n");
        assertThat(t.render(List.of(Turn.user("Hi")), true)).isEqualTo("<|im_start|>system\nYou are a helpful AI"
                + " assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\n");
        assertThat(t.endOfTurn()).isEqualTo("<|im_end|>");
        assertThat(t.bosToken()).isEqualTo("<|im_start|>");
    }

    @Test
    void qwen2WithItsDefaultSystemPromptAndNoTools() {
        JinjaChatTemplate t = template("qwen2");
        assertThat(t.render(CHAT.subList(1, 3), false)).isEqualTo("<|im_start|>system\nYou are Qwen, created by"
                + " Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nCapital of Korea?"
                + "<|im_end|>\n<|im_start|>assistant\nSeoul<|im_end|>\n");
        assertThat(t.render(CHAT.subList(0, 2), true)).isEqualTo("<|im_start|>system\nAnswer briefly.<|im_end|>\n"
                + "<|im_start|>user\nCapital of Korea?<|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.endOfTurn()).isEqualTo("<|im_end|>");
    }

    @Test
    void llama3WithBosHeadersTrimAndAFixedDate() {
        JinjaChatTemplate t = template("llama3");
        List<Turn> chat = List.of(Turn.system(" Answer briefly. "), Turn.user("Capital of Korea?"),
                Turn.assistant("Seoul "));
        assertThat(t.render(chat, false)).isEqualTo("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nAnswer briefly.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nCapital of Korea?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nSeoul<|eot_id|>");
        assertThat(t.render(chat.subList(1, 2), true)).endsWith(
                "Today Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nCapital of Korea?"
                        + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        assertThat(t.endOfTurn()).isEqualTo("<|eot_id|>");
    }

    @Test
    void raiseExceptionBecomesAUserError() {
        JinjaChatTemplate t = new JinjaChatTemplate(
                "{% for m in messages %}{% if m.role == 'system' %}{{ raise_exception('System role not supported') }}"
                        + "{% endif %}{{ m.content }}</s>{% endfor %}",
                "<s>", "</s>", Set.of("<s>", "</s>"), "test");
        assertThat(t.endOfTurn()).isEqualTo("</s>");
        assertThatThrownBy(() -> t.render(CHAT, false)).isInstanceOf(TunaException.class)
                .hasMessageContaining("System role not supported");
    }

    @Test
    void endOfTurnFallsBackToEos() {
        JinjaChatTemplate t = new JinjaChatTemplate(
                "{% for m in messages %}[{{ m.role }}] {{ m.content }}\n{% endfor %}", null, "</s>", Set.of(), "test");
        assertThat(t.endOfTurn()).isEqualTo("</s>");
    }

    @Test
    void aCheckpointWithoutATemplateGetsChatMlOrAPlainFormatEndingTurnsWithEos(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> JinjaChatTemplate.load(tmp, Set.of()))
                .isInstanceOf(TunaException.class).hasMessageContaining("no chat template");

        JinjaChatTemplate chatMl = JinjaChatTemplate.load(tmp, Set.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"));
        assertThat(chatMl.render(CHAT.subList(1, 2), true))
                .isEqualTo("<|im_start|>user\nCapital of Korea?<|im_end|>\n<|im_start|>assistant\n");
        assertThat(chatMl.endOfTurn()).isEqualTo("<|im_end|>");
        assertThat(chatMl.origin()).contains("ChatML");

        Files.writeString(tmp.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\", \"eos_token\": \"</s>\"}");
        JinjaChatTemplate plain = JinjaChatTemplate.load(tmp, Set.of("<s>", "</s>"));
        assertThat(plain.render(CHAT.subList(1, 3), false)).isEqualTo("<s>user: Capital of Korea?</s>\nassistant: Seoul</s>\n");
        assertThat(plain.render(CHAT.subList(1, 2), true)).endsWith("</s>\nassistant: ");
        assertThat(plain.endOfTurn()).isEqualTo("</s>");
    }
}
