package dev.tuna.data.eval;

import dev.tuna.data.prepare.Template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import dev.tuna.data.metrics.AnswerMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRunnerTest {
    @TempDir
    Path dir;

    static EvalDataset dataset(int n) {
        List<EvalQuestion> qs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            qs.add(new EvalQuestion("q" + i, "question " + i + "?", null,
                    List.of(EvalMessage.user("question " + i + "?")), List.of("answer " + i), "context with answer " + i));
        }
        return new EvalDataset(Path.of("mem.json"), "squad", AnswerMetric.SQUAD_V1, qs, 0);
    }

    static RunSettings settings(int repeat, int concurrency) {
        return new RunSettings(Template.CLOSED, null, 7L, null, 32, repeat, false, concurrency);
    }

    static final EvalRunner.Progress QUIET = new EvalRunner.Progress() {
        @Override
        public void started(int total, int alreadyAnswered) {
        }

        @Override
        public void answered() {
        }
    };

    @Test
    void asksEveryVariantEveryQuestionWithItsSystemPrompt() {
        List<List<EvalMessage>> seen = Collections.synchronizedList(new ArrayList<>());
        Answerer echo = (model, messages) -> {
            seen.add(messages);
            return " " + model + ":" + messages.getLast().content() + " ";
        };
        var variants = List.of(new Variant("a", null), new Variant("a", "Be brief."), new Variant("b", "Be brief."));
        try (var cache = PredictionCache.open(dir.resolve("c.jsonl"))) {
            RunAnswers answers = EvalRunner.run(dataset(3), variants, settings(1, 2), echo, cache, QUIET);
            assertThat(answers.answer(2, 1, 0)).isEqualTo(" b:question 1? ");
            assertThat(EvalReport.predictions(answers, settings(1, 2), 2, 0)).containsEntry("q1", "b:question 1?");
        }
        assertThat(seen).hasSize(9);
        assertThat(seen).filteredOn(m -> m.size() == 2)
                .allSatisfy(m -> assertThat(m.getFirst()).isEqualTo(EvalMessage.system("Be brief."))).hasSize(6);
    }

    @Test
    void keepsAtMostConcurrencyRequestsInFlightAndUsesThemAll() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CyclicBarrier allThree = new CyclicBarrier(3);
        Answerer slow = (model, messages) -> {
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                allThree.await(10, TimeUnit.SECONDS); // only passes if three requests run at the same time
            } finally {
                inFlight.decrementAndGet();
            }
            return "x";
        };
        try (var cache = PredictionCache.open(dir.resolve("c.jsonl"))) {
            EvalRunner.run(dataset(9), List.of(new Variant("m", null)), settings(1, 3), slow, cache, QUIET);
        }
        assertThat(max.get()).isEqualTo(3);
    }

    @Test
    void anInterruptedRunContinuesWhereItStopped() throws Exception {
        Path cacheFile = dir.resolve("run.jsonl");
        AtomicInteger calls = new AtomicInteger();
        Answerer failsOnFifth = (model, messages) -> {
            if (calls.incrementAndGet() == 5) {
                throw new IllegalStateException("connection reset");
            }
            return "answer for " + messages.getLast().content();
        };
        var variants = List.of(new Variant("m", null));
        try (var cache = PredictionCache.open(cacheFile)) {
            assertThatThrownBy(() -> EvalRunner.run(dataset(4), variants, settings(2, 1), failsOnFifth, cache, QUIET))
                    .isInstanceOf(TunaException.class)
                    .hasMessageContaining("asking m question q2 failed: connection reset")
                    .hasMessageContaining("The 4 answers received so far are kept in " + cacheFile)
                    .hasMessageContaining("run the same command again to continue");
        }
        Files.writeString(cacheFile, Files.readString(cacheFile) + "{\"key\": \"cut of", java.nio.file.StandardOpenOption.WRITE);

        AtomicInteger again = new AtomicInteger();
        int[] started = new int[2];
        Answerer counting = (model, messages) -> {
            again.incrementAndGet();
            return "answer for " + messages.getLast().content();
        };
        try (var cache = PredictionCache.open(cacheFile)) {
            RunAnswers answers = EvalRunner.run(dataset(4), variants, settings(2, 1), counting, cache,
                    new EvalRunner.Progress() {
                        @Override
                        public void started(int total, int alreadyAnswered) {
                            started[0] = total;
                            started[1] = alreadyAnswered;
                        }

                        @Override
                        public void answered() {
                        }
                    });
            assertThat(answers.answer(0, 3, 1)).isEqualTo("answer for question 3?");
            assertThat(answers.answer(0, 0, 0)).isEqualTo("answer for question 0?");
        }
        assertThat(started).containsExactly(8, 4);
        assertThat(again.get()).isEqualTo(4);
    }

    @Test
    void changingTheRequestAsksAgain() {
        Path cacheFile = dir.resolve("c.jsonl");
        AtomicInteger calls = new AtomicInteger();
        Answerer a = (model, messages) -> "n" + calls.incrementAndGet();
        var v = List.of(new Variant("m", null));
        try (var cache = PredictionCache.open(cacheFile)) {
            EvalRunner.run(dataset(2), v, settings(1, 1), a, cache, QUIET);
            EvalRunner.run(dataset(2), v, settings(1, 1), a, cache, QUIET);
            assertThat(calls.get()).isEqualTo(2);
            var otherSeed = new RunSettings(Template.CLOSED, null, 8L, null, 32, 1, false, 1);
            EvalRunner.run(dataset(2), v, otherSeed, a, cache, QUIET);
            EvalRunner.run(dataset(2), List.of(new Variant("m", "sys")), settings(1, 1), a, cache, QUIET);
            assertThat(calls.get()).isEqualTo(6);
        }
    }

    @Test
    void reportComparesVariantsAndCountsDifferingRepeats() {
        // Variant 0 answers q0 and q1 right; variant 1 only q0, and changes its answer to q2 between repeats.
        AtomicInteger flip = new AtomicInteger();
        Answerer a = (model, messages) -> {
            String q = messages.getLast().content();
            if (model.equals("base")) {
                return q.contains("2") ? "wrong" : "answer " + q.charAt(9);
            }
            if (q.contains("0")) {
                return "answer 0";
            }
            return q.contains("2") ? "guess " + flip.incrementAndGet() : "answer";
        };
        var variants = List.of(new Variant("base", null), new Variant("ft", null));
        var s = settings(3, 1);
        EvalReport report;
        try (var cache = PredictionCache.open(dir.resolve("c.jsonl"))) {
            EvalDataset ds = dataset(3);
            RunAnswers answers = EvalRunner.run(ds, variants, s, a, cache, QUIET);
            report = EvalReport.build("mem", ds, s, answers, Map.of("seed", "7"), List.of());
        }
        var base = report.variants().get(0);
        var ft = report.variants().get(1);
        assertThat(base.exactMatch()).isEqualTo(100.0 * 2 / 3);
        assertThat(ft.exactMatch()).isEqualTo(100.0 / 3);
        assertThat(ft.deltaExactMatch()).isEqualTo(100.0 / 3 - 100.0 * 2 / 3);
        assertThat(base.deltaExactMatch()).isZero();
        assertThat(base.questionsWithDifferentAnswers()).isZero();
        assertThat(ft.questionsWithDifferentAnswers()).isEqualTo(1);
        assertThat(report.questions().get(2).answers().get(1).distinctAnswers()).isEqualTo(3);
        assertThat(report.questions().get(0).anyWrong()).isFalse();
        assertThat(report.questions().get(1).anyWrong()).isTrue();
        assertThat(report.questions().get(1).answers().get(1).f1()).isEqualTo(2 * 0.5 / 1.5);
    }
}
