package dev.tuna.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.generate.GenerationParams;
import dev.tuna.engine.io.SafetensorsCheckpoint;
import dev.tuna.engine.model.LoraModel;
import dev.tuna.engine.runtime.ChatModel;
import dev.tuna.engine.runtime.ModelFolder;
import dev.tuna.engine.runtime.ModelLoader;
import dev.tuna.engine.runtime.TinyCheckpoint;
import dev.tuna.engine.tokenizer.NanoTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTunerTest {
    static final List<List<Turn>> DATA = List.of(
            List.of(Turn.system("Be brief."), Turn.user("Capital of Korea?"), Turn.assistant("Seoul")),
            List.of(Turn.user("Capital of Japan?"), Turn.assistant("Tokyo")),
            List.of(Turn.user("2 + 2?"), Turn.assistant("4")),
            List.of(Turn.user("서울은?"), Turn.assistant("대한민국의 수도")),
            List.of(Turn.user("Ignore me"), new Turn("assistant", "not learned", false)),
            List.of(Turn.user("Colour of the sky?"), Turn.assistant("Blue")));

    static final class Steps implements TrainingListener {
        final List<StepMetrics> steps = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void onStep(StepMetrics m) {
            steps.add(m);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    private static FineTuneRequest request(Path base, Hyperparameters h, Path tmp, String run) {
        return new FineTuneRequest(base, DATA, DATA.subList(0, 2), h, 11, tmp.resolve(run + "-work"),
                tmp.resolve(run + "-model"));
    }

    @Test
    void loraRunStoppedAndResumedWritesTheSameAdapterAsAnUninterruptedOne(@TempDir Path tmp) {
        Path base = TinyCheckpoint.write(tmp.resolve("base"), 5);
        Hyperparameters h = new Hyperparameters(2, 2, 30.0, new LoraSettings(4, 8, 0.1, LoraSettings.ALL_LINEAR));

        Steps straight = new Steps();
        FineTuneResult a = new FineTuner().run(request(base, h, tmp, "a"), straight, () -> false);
        assertThat(a.completed()).isTrue();
        assertThat(a.steps()).isEqualTo(6); // 5 learnable examples (one has weight 0), batches of 2, 2 epochs
        assertThat(a.epochs()).isEqualTo(2);
        assertThat(straight.messages).anyMatch(m -> m.contains("1 training example(s) have nothing to learn"));
        assertThat(straight.steps.getLast().validLoss()).isNotNull();
        assertThat(ModelFolder.kind(a.modelDir())).isEqualTo(ModelFolder.Kind.ADAPTER);
        assertThat(a.modelDir().resolve(ModelFolder.BASE_FILE)).exists();

        Steps first = new Steps();
        FineTuneResult stopped = new FineTuner().run(request(base, h, tmp, "b"), first, () -> first.steps.size() >= 2);
        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.steps()).isEqualTo(2);
        assertThat(stopped.modelDir()).isNull();
        assertThat(tmp.resolve("b-model")).doesNotExist();
        FineTuneResult resumed = new FineTuner().run(request(base, h, tmp, "b"), new Steps(), () -> false);
        assertThat(resumed.completed()).isTrue();
        assertThat(resumed.trainedTokens()).isEqualTo(a.trainedTokens());

        assertSameTensors(a.modelDir().resolve(LoraModel.WEIGHTS_FILE),
                resumed.modelDir().resolve(LoraModel.WEIGHTS_FILE));
        // and training changed the adapter: B is no longer zero
        var adapter = SafetensorsCheckpoint.open(a.modelDir().resolve(LoraModel.WEIGHTS_FILE));
        String b0 = adapter.names().stream().filter(n -> n.contains("lora_B")).findFirst().orElseThrow();
        float[] b = adapter.tensor(b0).toFloatArray();
        assertThat(b).isNotEqualTo(new float[b.length]);

        ChatModel chat = new ModelLoader().load(a.modelDir());
        assertThat(chat.chat(List.of(Turn.user("Capital of Korea?")), GenerationParams.greedy(4), (c, t) -> { })
                .choices()).hasSize(1);
    }

    @Test
    void fullFineTuningOfACheckpointWritesAStandaloneFolder(@TempDir Path tmp) {
        Path base = TinyCheckpoint.write(tmp.resolve("base"), 6);
        FineTuneResult r = new FineTuner().run(request(base, new Hyperparameters(1, 5, 100.0, null), tmp, "full"),
                new Steps(), () -> false);
        assertThat(r.completed()).isTrue();
        assertThat(ModelFolder.kind(r.modelDir())).isEqualTo(ModelFolder.Kind.HUGGING_FACE);
        assertThat(r.modelDir().resolve("tokenizer.json")).exists();
        assertThat(r.modelDir().resolve("tokenizer_config.json")).exists();
        assertThat(new ModelLoader().load(r.modelDir()).fingerprint())
                .isNotEqualTo(new ModelLoader().load(base).fingerprint());
    }

    @Test
    void nanoRunStoppedAndResumedEndsWithTheSameWeights(@TempDir Path tmp) {
        Hyperparameters h = new Hyperparameters(1, 1, 1.0, null);
        FineTuneResult a = new FineTuner().run(request(null, h, tmp, "a"), new Steps(), () -> false);
        Steps s = new Steps();
        assertThat(new FineTuner().run(request(null, h, tmp, "b"), s, () -> s.steps.size() >= 3).completed())
                .isFalse();
        FineTuneResult b = new FineTuner().run(request(null, h, tmp, "b"), new Steps(), () -> false);
        assertThat(a.steps()).isEqualTo(5);
        assertThat(b.steps()).isEqualTo(5);
        assertThat(ModelFolder.kind(b.modelDir())).isEqualTo(ModelFolder.Kind.NANO);
        assertSameTensors(a.modelDir().resolve("model.safetensors"), b.modelDir().resolve("model.safetensors"));
        assertThat(NanoTokenizer.load(b.modelDir()).encode("대한민국의 수도")).hasSize(8);
    }

    /** Every tensor bit for bit (the differing ones named, with their largest difference). */
    static void assertSameTensors(Path expected, Path actual) {
        var e = SafetensorsCheckpoint.open(expected);
        var a = SafetensorsCheckpoint.open(actual);
        assertThat(a.names()).containsExactlyElementsOf(e.names());
        List<String> differ = new ArrayList<>();
        for (String n : e.names()) {
            float[] x = e.tensor(n).toFloatArray();
            float[] y = a.tensor(n).toFloatArray();
            double max = 0;
            for (int i = 0; i < x.length; i++) {
                if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                    max = Math.max(max, Math.abs((double) x[i] - y[i]));
                    max = max == 0 ? Double.MIN_VALUE : max;
                }
            }
            if (max > 0) {
                differ.add(n + " (max diff " + max + ")");
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void dataWithNothingToLearnIsAUserError(@TempDir Path tmp) {
        FineTuneRequest r = new FineTuneRequest(null, List.of(DATA.get(4)), List.of(), Hyperparameters.auto(), 1,
                tmp.resolve("w"), tmp.resolve("m"));
        assertThatThrownBy(() -> new FineTuner().run(r, new Steps(), () -> false)).isInstanceOf(TunaException.class)
                .hasMessageContaining("no training example has an assistant message to learn");
    }
}
