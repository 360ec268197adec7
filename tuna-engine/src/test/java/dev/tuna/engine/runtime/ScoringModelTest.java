package dev.tuna.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.model.Llama;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.train.LoraSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringModelTest {
    private static final int[] TOKENS = {1, 40, 77, 300, 2};

    @Test
    void anAdapterIsScoredOnItsBaseAndAZeroAdapterScoresLikeIt(@TempDir Path tmp) {
        Path baseDir = TinyCheckpoint.write(tmp.resolve("base"), 8);
        Llama base = Llama.load(baseDir);
        ModelFolder.writeAdapter(tmp.resolve("adapter"),
                LoraModel.create(base, new LoraSettings(2, 4, 0, List.of("q_proj", "v_proj")), 3), baseDir);
        float[] plain = ScoringModel.open(baseDir).nll(TOKENS);
        ScoringModel adapter = ScoringModel.open(tmp.resolve("adapter"));
        assertThat(adapter.nll(TOKENS)).containsExactly(plain);
        assertThat(plain).hasSize(4).containsExactly(base.nll(TOKENS));
        // conversations go through the base's tokenizer and template
        assertThat(adapter.encoder().encode(List.of(Turn.user("Hi"), Turn.assistant("Hello"))).targetWeight())
                .isGreaterThan(0);
    }

    @Test
    void idsOutsideTheVocabularyAndTooLongSequencesAreRefused(@TempDir Path tmp) {
        ScoringModel m = ScoringModel.open(TinyCheckpoint.write(tmp.resolve("base"), 8));
        assertThatThrownBy(() -> m.nll(new int[] {1, TinyCheckpoint.VOCAB})).isInstanceOf(TunaException.class)
                .hasMessageContaining("token 2 is id 379");
        assertThatThrownBy(() -> m.nll(new int[257])).isInstanceOf(ContextLengthException.class);
    }
}
