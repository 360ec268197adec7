package dev.tuna.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.JinjaChatTemplate;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.generate.GenerationParams;
import dev.tuna.engine.generate.GenerationResult;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.tokenizer.HfTokenizer;
import dev.tuna.engine.train.LoraSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
    private static final List<Turn> HELLO = List.of(Turn.user("What is the capital of Korea?"));

    private static String greedy(ChatModel m, int tokens) {
        return m.chat(HELLO, GenerationParams.greedy(tokens), (c, t) -> { }).choices().getFirst().text();
    }

    @Test
    void theUntrainedNanoIsReproducibleAndKnowsItsContext() {
        ChatModel a = new ModelLoader().nanoBase();
        ChatModel b = new ModelLoader().nanoBase();
        assertThat(greedy(a, 6)).isEqualTo(greedy(b, 6));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).matches("fp_[0-9a-f]{10}");
        // <|user|> + 29 ASCII bytes + <|end|> + <|assistant|>
        assertThat(a.promptTokens(HELLO)).isEqualTo(1 + 29 + 1 + 1);
        assertThat(a.contextLength()).isEqualTo(1024);
        assertThat(((LocalChatModel) a).endTokens()).containsExactlyInAnyOrder(0, 4);

        List<Turn> huge = List.of(Turn.user("x".repeat(1100)));
        assertThatThrownBy(() -> a.chat(huge, GenerationParams.greedy(5), (c, t) -> { }))
                .isInstanceOf(ContextLengthException.class).hasMessageContaining("maximum context length is 1024");
        ContextLengthException e = org.assertj.core.api.Assertions.catchThrowableOfType(ContextLengthException.class,
                () -> a.chat(HELLO, GenerationParams.greedy(1000), (c, t) -> { }));
        assertThat(e.promptTokens()).isEqualTo(32);
        assertThat(e.requestedCompletion()).isEqualTo(1000);
    }

    @Test
    void aCheckpointChatsThroughItsTemplateAndStopsAtEndOfTurnOrEos(@TempDir Path tmp) {
        Path dir = TinyCheckpoint.write(tmp.resolve("tiny"), 1);
        ChatModel m = new ModelLoader().load(dir);
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            String prompt = JinjaChatTemplate.load(dir, tok.specialTokens()).render(HELLO, true);
            assertThat(m.promptTokens(HELLO)).isEqualTo(tok.encode(prompt).length);
        }
        assertThat(((LocalChatModel) m).endTokens()).containsExactly(2);
        assertThat(m.contextLength()).isEqualTo(256);
        GenerationResult r = m.chat(HELLO, GenerationParams.greedy(5), (c, t) -> { });
        assertThat(r.completionTokens()).isBetween(1, 5);
        assertThat(m.fingerprint()).isEqualTo(new ModelLoader().load(dir).fingerprint());
        assertThat(m.fingerprint()).isNotEqualTo(
                new ModelLoader().load(TinyCheckpoint.write(tmp.resolve("other"), 2)).fingerprint());
    }

    @Test
    void adaptersShareOneLoadedBaseAndAZeroAdapterAnswersLikeTheBase(@TempDir Path tmp) {
        Path baseDir = TinyCheckpoint.write(tmp.resolve("base"), 3);
        Llama base = Llama.load(baseDir);
        LoraSettings settings = new LoraSettings(4, 8, 0, LoraSettings.ALL_LINEAR);
        ModelFolder.writeAdapter(tmp.resolve("a1"), LoraModel.create(base, settings, 1), baseDir);
        ModelFolder.writeAdapter(tmp.resolve("a2"), LoraModel.create(base, settings, 2), baseDir);

        ModelLoader loader = new ModelLoader();
        ChatModel plain = loader.load(baseDir);
        ChatModel a1 = loader.load(tmp.resolve("a1"));
        ChatModel a2 = loader.load(tmp.resolve("a2"));
        assertThat(loader.loadedBases()).isEqualTo(1);
        assertThat(ModelFolder.kind(tmp.resolve("a1"))).isEqualTo(ModelFolder.Kind.ADAPTER);
        assertThat(ModelFolder.adapterBase(tmp.resolve("a1"))).isEqualTo(baseDir.toAbsolutePath().normalize());
        assertThat(greedy(a1, 8)).isEqualTo(greedy(plain, 8)); // B = 0: exactly the base
        assertThat(a1.fingerprint()).isNotEqualTo(plain.fingerprint()).isNotEqualTo(a2.fingerprint());
    }

    @Test
    void aFolderThatIsNoModelIsAUserError(@TempDir Path tmp) {
        assertThatThrownBy(() -> new ModelLoader().load(tmp)).isInstanceOf(TunaException.class)
                .hasMessageContaining("not a model folder");
        assertThatThrownBy(() -> new ModelLoader().load(tmp.resolve("nope"))).isInstanceOf(TunaException.class)
                .hasMessageContaining("no such model folder");
    }
}
