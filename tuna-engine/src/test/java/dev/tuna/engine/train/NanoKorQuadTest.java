package dev.tuna.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.data.squad.SquadExample;
import dev.tuna.data.squad.SquadReader;
import dev.tuna.engine.chat.Turn;
import dev.tuna.engine.generate.GenerationParams;
import dev.tuna.engine.runtime.ChatModel;
import dev.tuna.engine.runtime.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key test: tuna-nano, trained from scratch on 20 KorQuAD question → answer pairs (the closed
 * template: the question alone, no context), answers all 20 exactly with greedy decoding.
 */
class NanoKorQuadTest {
    static final Path KORQUAD = Path.of("../data/korquad/KorQuAD_v1.0_dev.json");

    static List<List<Turn>> firstPairs(int n) {
        List<List<Turn>> out = new ArrayList<>();
        Set<String> questions = new LinkedHashSet<>();
        for (SquadExample e : SquadReader.readExamples(KORQUAD)) {
            String q = e.question().question().strip();
            if (out.size() < n && questions.add(q)) {
                out.add(List.of(Turn.user(q), Turn.assistant(e.question().answerTexts().getFirst().strip())));
            }
        }
        return out;
    }

    @Test
    void nanoMemorisesTwentyKorQuadAnswers(@TempDir Path tmp) {
        assertThat(Files.isRegularFile(KORQUAD)).as("KorQuAD dev set at " + KORQUAD.toAbsolutePath()).isTrue();
        List<List<Turn>> pairs = firstPairs(20);
        assertThat(pairs).hasSize(20);
        FineTuneRequest request = new FineTuneRequest(null, pairs, List.of(), Hyperparameters.auto(), 42,
                tmp.resolve("work"), tmp.resolve("model"));
        List<StepMetrics> curve = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                curve.add(m);
                if (m.step() == 1 || m.step() % 10 == 0 || m.step() == m.totalSteps()) {
                    System.out.printf("step %4d/%d  loss %.4f  acc %.3f  lr %.2e  %.0f tok/s%n", m.step(),
                            m.totalSteps(), m.trainLoss(), m.trainAccuracy(), m.learningRate(), m.tokensPerSecond());
                }
            }

            @Override
            public void onMessage(String message) {
                System.out.println(message);
            }
        };
        long started = System.nanoTime();
        FineTuneResult result = new FineTuner().run(request, listener, () -> false);
        double seconds = (System.nanoTime() - started) / 1e9;
        double inSteps = 0;
        long previous = 0;
        for (StepMetrics m : curve) {
            inSteps += (m.trainedTokens() - previous) / m.tokensPerSecond();
            previous = m.trainedTokens();
        }
        System.out.printf("trained %d steps, %d tokens in %.1f s (%.0f tok/s; %.1f s in the steps themselves)%n",
                result.steps(), result.trainedTokens(), seconds, result.trainedTokens() / seconds, inSteps);
        assertThat(result.completed()).isTrue();
        assertThat(curve.getLast().trainLoss()).isLessThan(curve.getFirst().trainLoss() / 10);

        ChatModel model = new ModelLoader().load(result.modelDir());
        int exact = 0;
        List<String> wrong = new ArrayList<>();
        for (List<Turn> pair : pairs) {
            String answer = model.chat(pair.subList(0, 1), GenerationParams.greedy(64), (c, t) -> { })
                    .choices().getFirst().text();
            if (answer.equals(pair.get(1).content())) {
                exact++;
            } else {
                wrong.add(pair.get(0).content() + " → " + answer + " (expected " + pair.get(1).content() + ")");
            }
        }
        System.out.println("exact: " + exact + "/20 " + wrong);
        assertThat(wrong).isEmpty();
    }
}
