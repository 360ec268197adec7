package dev.tuna.engine.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.engine.tokenizer.HfTokenizer;
import dev.tuna.engine.tokenizer.NanoTokenizer;
import dev.tuna.engine.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationEncoderTest {
    /** The text of the learned tokens, joined by '|' between separate learned runs. */
    static String learnedText(Tokenizer tokenizer, EncodedConversation e) {
        StringBuilder out = new StringBuilder();
        List<Integer> run = new ArrayList<>();
        for (int i = 1; i < e.tokens().length; i++) {
            if (e.targetWeights()[i - 1] > 0) {
                run.add(e.tokens()[i]);
            } else if (!run.isEmpty()) {
                out.append(decode(tokenizer, run)).append('|');
                run.clear();
            }
        }
        if (!run.isEmpty()) {
            out.append(decode(tokenizer, run)).append('|');
        }
        return out.toString();
    }

    private static String decode(Tokenizer t, List<Integer> ids) {
        return t.decode(ids.stream().mapToInt(Integer::intValue).toArray());
    }

    private static final List<Turn> MULTI = List.of(
            Turn.system("Answer briefly."),
            Turn.user("Capital of Korea?"), Turn.assistant("서울이다."),
            Turn.user("And of Japan?"), new Turn("assistant", "Osaka", false),
            Turn.user("No, of Japan?"), Turn.assistant("The capital is Tokyo."));

    @Test
    void onlyLearnedAssistantRepliesAndTheirEndOfTurnAreWeighted() {
        try (HfTokenizer tok = HfTokenizer.load(JinjaChatTemplateTest.model("chatml"))) {
            ConversationEncoder enc = new ConversationEncoder(
                    JinjaChatTemplate.load(JinjaChatTemplateTest.model("chatml"), tok.specialTokens()), tok);
            EncodedConversation e = enc.encode(MULTI);
            assertThat(learnedText(tok, e)).isEqualTo("서울이다.<|im_end|>|The capital is Tokyo.<|im_end|>|");
            assertThat(e.targetWeight()).isEqualTo((double) countWeighted(e));
            assertThat(tok.decode(e.tokens())).isEqualTo(enc.template().render(MULTI, false));

            // characters outside the BMP before the reply must not shift the mask
            EncodedConversation fish = enc.encode(List.of(Turn.user("🐟🐟🐟🐟 which fish?"), Turn.assistant("A 🐟 tuna")));
            assertThat(learnedText(tok, fish)).isEqualTo("A 🐟 tuna<|im_end|>|");
        }
    }

    @Test
    void llama3MasksTheTrimmedReplyAndEotId() {
        try (HfTokenizer tok = HfTokenizer.load(JinjaChatTemplateTest.model("llama3"))) {
            ConversationEncoder enc = new ConversationEncoder(
                    JinjaChatTemplate.load(JinjaChatTemplateTest.model("llama3"), tok.specialTokens()), tok);
            EncodedConversation e = enc.encode(List.of(Turn.user("Q?"), Turn.assistant("  The answer  ")));
            assertThat(learnedText(tok, e)).isEqualTo("The answer<|eot_id|>|");
            // the prompt ends exactly where the learned reply begins
            int[] prompt = enc.encodePrompt(List.of(Turn.user("Q?")));
            int firstLearned = 0;
            while (e.targetWeights()[firstLearned] == 0) {
                firstLearned++;
            }
            assertThat(firstLearned + 1).isEqualTo(prompt.length);
        }
    }

    @Test
    void nanoTemplateMasksExactly() {
        NanoTokenizer tok = NanoTokenizer.fromTexts(List.of("서울이다"));
        ConversationEncoder enc = new ConversationEncoder(NanoChatTemplate.INSTANCE, tok);
        EncodedConversation e = enc.encode(MULTI);
        assertThat(learnedText(tok, e)).isEqualTo("서울이다.<|end|>|The capital is Tokyo.<|end|>|");
        assertThat(NanoChatTemplate.INSTANCE.render(MULTI.subList(0, 2), true))
                .isEqualTo("<|system|>Answer briefly.<|end|><|user|>Capital of Korea?<|end|><|assistant|>");
    }

    private static int countWeighted(EncodedConversation e) {
        int n = 0;
        for (float w : e.targetWeights()) {
            n += w > 0 ? 1 : 0;
        }
        return n;
    }
}
