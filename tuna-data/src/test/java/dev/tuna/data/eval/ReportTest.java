package dev.tuna.data.eval;

import dev.tuna.data.prepare.Template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tuna.data.TunaException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    Path dir;

    EvalReport report() {
        List<EvalQuestion> qs = List.of(
                new EvalQuestion("q0", "Who <b>sat</b>?", null, List.of(EvalMessage.user("Who sat?")), List.of("cat"), null),
                new EvalQuestion("q1", "Where?", null, List.of(EvalMessage.user("Where?")), List.of("mat"), null));
        var ds = new EvalDataset(Path.of("cats.json"), "squad", dev.tuna.data.metrics.AnswerMetric.SQUAD_V1, qs, 0);
        var s = new RunSettings(Template.CLOSED, null, 1L, 0.0, 16, 1, false, 1);
        var variants = List.of(new Variant("base", null), new Variant("ft:base:local:cats:abc", "Answer \"briefly\"."));
        Answerer a = (model, messages) -> model.equals("base") ? "a dog" : messages.getLast().content().startsWith("Who")
                ? "the cat" : "<script>alert(1)</script>";
        try (var cache = PredictionCache.open(dir.resolve("c.jsonl"))) {
            RunAnswers answers = EvalRunner.run(ds, variants, s, a, cache, EvalRunnerTest.QUIET);
            var curve = new LossCurve("ft:base:local:cats:abc", "ftjob-abc", LossCurve.parseStepMetrics("""
                    step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy
                    1,3.5,0.1,,
                    2,2.25,0.3,2.5,0.2
                    3,1.0,0.6,,
                    """, "step_metrics.csv"));
            return EvalReport.build("cats.json", ds, s, answers, Map.of("dataset", "cats.json", "seed", "1"),
                    List.of(curve));
        }
    }

    @Test
    void htmlIsSelfContainedEscapedAndHasTheKeyParts() {
        String html = HtmlReport.render(report());
        assertThat(html).contains("<table id=\"summary\">", "<table id=\"questions\">", "<table id=\"settings\">",
                "id=\"only-wrong\"", "<svg class=\"loss\"", "<polyline class=\"train\"", "<polyline class=\"valid\"");
        assertThat(html).contains("Who &lt;b&gt;sat&lt;/b&gt;?", "&lt;script&gt;alert(1)&lt;/script&gt;",
                "Answer &quot;briefly&quot;.");
        assertThat(html).doesNotContain("<script>alert", "http://", "https://", "<link", "src=");
        assertThat(html).contains("<td class=\"delta up\">+50.00</td>");
        assertThat(html).contains("data-wrong=\"10\"", "data-wrong=\"11\"");
    }

    @Test
    void theStepAxisOfAShortRunNamesEachStepOnce() {
        StringBuilder three = new StringBuilder();
        HtmlReport.svg(three, List.of(new LossCurve.Point(1, 3.5, null), new LossCurve.Point(2, 2.25, 2.5),
                new LossCurve.Point(3, 1.0, null)));
        assertThat(xTicks(three.toString())).containsExactly("1", "2", "3");
        StringBuilder one = new StringBuilder();
        HtmlReport.svg(one, List.of(new LossCurve.Point(7, 2.0, null)));
        assertThat(xTicks(one.toString())).containsExactly("7");
        StringBuilder long_ = new StringBuilder();
        HtmlReport.svg(long_, java.util.stream.IntStream.rangeClosed(1, 893)
                .mapToObj(i -> new LossCurve.Point(i, 5.0 / i, null)).toList());
        assertThat(xTicks(long_.toString())).containsExactly("1", "224", "447", "670", "893");
    }

    private static List<String> xTicks(String svg) {
        var m = java.util.regex.Pattern.compile("text-anchor=\"middle\">(\\d+)</text>").matcher(svg);
        List<String> ticks = new java.util.ArrayList<>();
        while (m.find()) {
            ticks.add(m.group(1));
        }
        return ticks;
    }

    @Test
    void jsonReportRoundTrips() {
        EvalReport r = report();
        Path f = dir.resolve("r.json");
        r.writeJson(f);
        EvalReport back = EvalReport.readJson(f);
        assertThat(back).isEqualTo(r);
        assertThat(back.variants().get(1).exactMatch()).isEqualTo(50.0);
        assertThat(back.lossCurves().getFirst().points()).containsExactly(new LossCurve.Point(1, 3.5, null),
                new LossCurve.Point(2, 2.25, 2.5), new LossCurve.Point(3, 1.0, null));
    }

    @Test
    void badStepMetricsAreNamed() {
        assertThatThrownBy(() -> LossCurve.parseStepMetrics("a,b\n1,2\n", "job-1/step_metrics.csv"))
                .isInstanceOf(TunaException.class).hasMessageContaining("job-1/step_metrics.csv: not a step_metrics.csv");
        assertThatThrownBy(() -> LossCurve.parseStepMetrics("step,train_loss\n1,x\n", "f.csv"))
                .isInstanceOf(TunaException.class).hasMessageStartingWith("f.csv: line 2:");
    }
}
