package dev.tuna.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.engine.chat.EncodedConversation;
import dev.tuna.engine.model.Parameter;
import dev.tuna.engine.model.SequenceLoss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static final int VOCAB = 12;

    /** Random token sequences where roughly the second half of each is learned. */
    static List<EncodedConversation> data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<EncodedConversation> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int len = 4 + r.nextInt(8);
            int[] tokens = new int[len];
            for (int i = 0; i < len; i++) {
                tokens[i] = i == 0 ? r.nextInt(VOCAB) : (tokens[i - 1] * 3 + 1 + (r.nextInt(5) == 0 ? 1 : 0)) % VOCAB;
            }
            float[] w = new float[len - 1];
            for (int i = len / 2; i < len - 1; i++) {
                w[i] = 1f;
            }
            out.add(new EncodedConversation(tokens, w));
        }
        return out;
    }

    static final class Recorder implements TrainingListener {
        final List<StepMetrics> steps = new ArrayList<>();
        final List<Integer> checkpoints = new ArrayList<>();

        @Override
        public void onStep(StepMetrics m) {
            steps.add(m);
        }

        @Override
        public void onCheckpoint(int step, Path dir, StepMetrics metrics) {
            checkpoints.add(step);
        }
    }

    private static Trainer trainer(BigramModel model, TrainingPlan plan, List<EncodedConversation> train,
                                   List<EncodedConversation> valid, Path work) {
        return new Trainer(model, plan, train, valid, 7, work, dir -> { }, "test-run");
    }

    @Test
    void accumulatedGradientEqualsOneBatchNormalisedByTargetTokens() {
        List<EncodedConversation> two = data(2, 1);
        EncodedConversation a = two.get(0);
        EncodedConversation b = two.get(1);
        BigramModel model = new BigramModel(VOCAB, 3, 0);
        TrainingPlan plan = TrainingPlan.resolve(new Hyperparameters(1, 2, 1.0, null), 2, TrainingMethod.FULL);
        Trainer t = trainer(model, plan, two, List.of(), Path.of("unused"));
        SequenceLoss loss = t.accumulate(two, 0);
        float[] accumulated = model.parameters().get(0).grad().clone();

        // the same terms as one sequence: a ++ b, with the junction pair not learned
        int[] merged = new int[a.length() + b.length()];
        System.arraycopy(a.tokens(), 0, merged, 0, a.length());
        System.arraycopy(b.tokens(), 0, merged, a.length(), b.length());
        float[] weights = new float[merged.length - 1];
        System.arraycopy(a.targetWeights(), 0, weights, 0, a.length() - 1);
        System.arraycopy(b.targetWeights(), 0, weights, a.length(), b.length() - 1);
        double total = a.targetWeight() + b.targetWeight();
        model.zeroGrad();
        SequenceLoss one = model.forwardBackward(merged, weights, (float) (1 / total), 0);
        float[] single = model.parameters().get(0).grad();
        for (int i = 0; i < single.length; i++) {
            assertThat(accumulated[i]).isCloseTo(single[i], org.assertj.core.api.Assertions.within(1e-6f));
        }
        assertThat(loss.meanLoss()).isCloseTo(one.meanLoss(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(loss.targetWeight()).isEqualTo(total);
    }

    @Test
    void aRunStoppedAndResumedEndsWithTheSameWeightsAsOneThatNeverStopped(@TempDir Path tmp) {
        List<EncodedConversation> train = data(10, 2);
        TrainingPlan plan = TrainingPlan.resolve(new Hyperparameters(3, 4, 20.0, null), 10, TrainingMethod.FULL);
        assertThat(plan.totalSteps()).isEqualTo(9);

        BigramModel straight = new BigramModel(VOCAB, 5, 0.2);
        Recorder r1 = new Recorder();
        Trainer.Outcome o1 = trainer(straight, plan, train, List.of(), tmp.resolve("a")).run(r1, () -> false);
        assertThat(o1.completed()).isTrue();
        assertThat(o1.steps()).isEqualTo(9);

        BigramModel first = new BigramModel(VOCAB, 5, 0.2);
        Recorder r2 = new Recorder();
        Trainer.Outcome stopped = trainer(first, plan, train, List.of(), tmp.resolve("b"))
                .run(r2, () -> r2.steps.size() >= 4);
        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.steps()).isEqualTo(4);
        assertThat(r2.checkpoints).contains(4);

        // a new process: fresh model object, same init, same work folder
        BigramModel resumed = new BigramModel(VOCAB, 5, 0.2);
        Recorder r3 = new Recorder();
        Trainer.Outcome o3 = trainer(resumed, plan, train, List.of(), tmp.resolve("b")).run(r3, () -> false);
        assertThat(o3.completed()).isTrue();
        assertThat(r3.steps.getFirst().step()).isEqualTo(5);
        assertThat(o3.trainedTokens()).isEqualTo(o1.trainedTokens());

        for (int k = 0; k < straight.parameters().size(); k++) {
            Parameter p = straight.parameters().get(k);
            assertThat(resumed.parameters().get(k).value()).as(p.name()).containsExactly(p.value());
        }
        for (int s = 4; s < 9; s++) {
            assertThat(r3.steps.get(s - 4).trainLoss()).isEqualTo(r1.steps.get(s).trainLoss());
        }
    }

    @Test
    void aStopBetweenTheSequencesOfAStepDropsThatStepAndResumesExactly(@TempDir Path tmp) {
        List<EncodedConversation> train = data(10, 8);
        TrainingPlan plan = TrainingPlan.resolve(new Hyperparameters(2, 4, 20.0, null), 10, TrainingMethod.FULL);
        BigramModel straight = new BigramModel(VOCAB, 5, 0.2);
        trainer(straight, plan, train, List.of(), tmp.resolve("a")).run(new Recorder(), () -> false);

        // stop while step 2 (sequences 5..8) is half accumulated
        AtomicInteger sequences = new AtomicInteger();
        BigramModel first = new BigramModel(VOCAB, 5, 0.2) {
            @Override
            public SequenceLoss forwardBackward(int[] t, float[] w, float scale, long seed) {
                sequences.incrementAndGet();
                return super.forwardBackward(t, w, scale, seed);
            }
        };
        Recorder r = new Recorder();
        Trainer.Outcome stopped = trainer(first, plan, train, List.of(), tmp.resolve("b"))
                .run(r, () -> sequences.get() >= 6);
        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.steps()).isEqualTo(1);
        assertThat(r.steps).hasSize(1);
        assertThat(sequences.get()).isEqualTo(6);
        assertThat(TrainingCheckpoint.latest(tmp.resolve("b"))).hasValueSatisfying(p ->
                assertThat(p.getFileName().toString()).isEqualTo("step-000001"));

        BigramModel resumed = new BigramModel(VOCAB, 5, 0.2);
        assertThat(trainer(resumed, plan, train, List.of(), tmp.resolve("b")).run(new Recorder(), () -> false)
                .completed()).isTrue();
        for (int k = 0; k < straight.parameters().size(); k++) {
            assertThat(resumed.parameters().get(k).value()).containsExactly(straight.parameters().get(k).value());
        }
    }

    @Test
    void lossFallsAndValidationIsReported(@TempDir Path tmp) {
        List<EncodedConversation> train = data(16, 3);
        List<EncodedConversation> valid = data(4, 4);
        TrainingPlan plan = TrainingPlan.resolve(new Hyperparameters(20, 4, 50.0, null), 16, TrainingMethod.NANO_FROM_SCRATCH);
        Recorder r = new Recorder();
        trainer(new BigramModel(VOCAB, 6, 0), plan, train, valid, tmp).run(r, () -> false);
        assertThat(r.steps).hasSize(80);
        assertThat(r.steps.getLast().trainLoss()).isLessThan(r.steps.getFirst().trainLoss() * 0.5);
        assertThat(r.steps.getLast().validLoss()).isNotNull().isLessThan(2.0);
        assertThat(r.steps.getLast().trainedTokens()).isGreaterThan(0);
        assertThat(r.steps.get(0).learningRate()).isLessThan(r.steps.get(4).learningRate()); // warm-up
        // checkpoints at epoch ends (every 4th of 20 epochs, 4 steps each) and the end; the newest 3 are kept
        assertThat(r.checkpoints).containsExactly(16, 32, 48, 64, 80);
        assertThat(TrainingCheckpoint.latest(tmp)).hasValueSatisfying(p ->
                assertThat(p.getFileName().toString()).isEqualTo("step-000080"));
        assertThat(tmp.resolve("checkpoints").toFile().list()).hasSize(3);
    }

    @Test
    void halfWrittenCheckpointFoldersOfAKilledRunAreRemoved(@TempDir Path tmp) throws java.io.IOException {
        Path root = TrainingCheckpoint.root(tmp);
        for (String stale : List.of(".partial-123", ".step-000002.partial-456", ".step-000001.old-789")) {
            Files.createDirectories(root.resolve(stale));
            Files.writeString(root.resolve(stale).resolve(TrainingCheckpoint.STATE_FILE), "{}");
        }
        TrainingPlan plan = TrainingPlan.resolve(new Hyperparameters(1, 2, 1.0, null), 4, TrainingMethod.FULL);
        trainer(new BigramModel(VOCAB, 1, 0), plan, data(4, 5), List.of(), tmp).run(new Recorder(), () -> false);
        assertThat(root.toFile().list()).allMatch(n -> n.startsWith("step-")).isNotEmpty();
    }

    @Test
    void aCheckpointOfAnotherRunIsNotResumed(@TempDir Path tmp) {
        List<EncodedConversation> train = data(4, 5);
        TrainingPlan plan = TrainingPlan.resolve(new Hyperparameters(1, 2, 1.0, null), 4, TrainingMethod.FULL);
        trainer(new BigramModel(VOCAB, 1, 0), plan, train, List.of(), tmp).run(new Recorder(), () -> false);
        assertThat(Files.isDirectory(tmp.resolve("checkpoints"))).isTrue();
        Trainer other = new Trainer(new BigramModel(VOCAB, 1, 0), plan, train, List.of(), 7, tmp, d -> { },
                "another-run");
        assertThatThrownBy(() -> other.run(new Recorder(), () -> false)).isInstanceOf(TunaException.class)
                .hasMessageContaining("different run");
    }

    @Test
    void everyEpochVisitsEachExampleOnceInASeededOrder() {
        List<EncodedConversation> train = data(9, 6);
        TrainingPlan plan = TrainingPlan.resolve(new Hyperparameters(2, 3, 1.0, null), 9, TrainingMethod.FULL);
        Trainer t = trainer(new BigramModel(VOCAB, 1, 0), plan, train, List.of(), Path.of("unused"));
        int[] e0 = t.shuffled(0);
        int[] e1 = t.shuffled(1);
        assertThat(e0).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(e1).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(e0).isNotEqualTo(e1);
        assertThat(trainer(new BigramModel(VOCAB, 1, 0), plan, train, List.of(), Path.of("x")).shuffled(0))
                .containsExactly(e0);
    }
}
