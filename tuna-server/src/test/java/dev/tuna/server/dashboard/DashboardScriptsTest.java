package dev.tuna.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tuna.data.eval.Answerer;
import dev.tuna.data.eval.EvalDataset;
import dev.tuna.data.eval.EvalMessage;
import dev.tuna.data.eval.EvalQuestion;
import dev.tuna.data.eval.EvalReport;
import dev.tuna.data.eval.EvalRunner;
import dev.tuna.data.eval.HtmlReport;
import dev.tuna.data.eval.LossCurve;
import dev.tuna.data.eval.PredictionCache;
import dev.tuna.data.eval.RunAnswers;
import dev.tuna.data.eval.RunSettings;
import dev.tuna.data.eval.Variant;
import dev.tuna.data.metrics.AnswerMetric;
import dev.tuna.data.prepare.Template;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard's scripts in a real Chromium, served from the class path with the dashboard's own routes but no
 * {@code /v1} API: the validation report (server and browser checks), the SSE parser, the eval reports page.
 * The whole workflow against a real server is {@link DashboardWorkflowTest}.
 */
class DashboardScriptsTest {
    private static final String EXAMPLE = "{\"messages\":[{\"role\":\"system\",\"content\":\"Marv is a factual "
            + "chatbot that is also sarcastic.\"},{\"role\":\"user\",\"content\":\"대한민국의 수도는 어디인가요? %d\"},"
            + "{\"role\":\"assistant\",\"content\":\"서울입니다. 다들 아는 사실이죠.\"}]}";

    @TempDir
    static Path data;
    private static Javalin app;
    private static Chromium browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        Path reports = Files.createDirectories(data.resolve("reports"));
        writeEvalReport(reports.resolve("korquad-base-vs-ft.html"));
        DashboardApi api = new DashboardApi(reports, data.resolve("tmp"), 1 << 20);
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            c.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/dev/tuna/server/dashboard";
                s.location = Location.CLASSPATH;
            });
            api.register(c.routes);
        }).start();
        base = "http://127.0.0.1:" + app.port() + "/";
        browser = Chromium.start(Files.createDirectories(data.resolve("chromium")));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.stop();
        }
    }

    /** A real report of `tuna eval run` (dev.tuna.data.eval): base vs fine-tuned nano on three KorQuAD questions. */
    static void writeEvalReport(Path html) {
        List<EvalQuestion> qs = List.of(
                new EvalQuestion("6566495-0-0", "대한민국의 수도는?", null, List.of(EvalMessage.user("대한민국의 수도는?")),
                        List.of("서울"), null),
                new EvalQuestion("6566495-0-1", "임종석이 지명수배된 날은?", null,
                        List.of(EvalMessage.user("임종석이 지명수배된 날은?")), List.of("1989년 2월 15일"), null),
                new EvalQuestion("6566495-0-2", "한글을 만든 왕은?", null, List.of(EvalMessage.user("한글을 만든 왕은?")),
                        List.of("세종대왕", "세종"), null));
        EvalDataset dataset = new EvalDataset(Path.of("KorQuAD_v1.0_dev.json"), "korquad", AnswerMetric.KORQUAD_V1, qs, 0);
        RunSettings settings = new RunSettings(Template.CLOSED, null, 7L, 0.0, 64, 1, false, 1);
        List<Variant> variants = List.of(new Variant("tuna-nano", null),
                new Variant("ft:tuna-nano:local:marv:AO5KEo0s", "Marv is a factual chatbot that is also sarcastic."));
        Answerer answerer = (model, messages) -> {
            if (model.equals("tuna-nano")) {
                return "모릅니다";
            }
            String q = messages.getLast().content();
            return q.startsWith("대한민국") ? "서울" : q.startsWith("임종석") ? "1989년 2월 15일" : "세조";
        };
        EvalRunner.Progress quiet = new EvalRunner.Progress() {
            @Override
            public void started(int total, int alreadyAnswered) {
            }

            @Override
            public void answered() {
            }
        };
        try (PredictionCache cache = PredictionCache.open(html.resolveSibling("cache.jsonl"))) {
            RunAnswers answers = EvalRunner.run(dataset, variants, settings, answerer, cache, quiet);
            LossCurve curve = new LossCurve("ft:tuna-nano:local:marv:AO5KEo0s", "ftjob-OZwSfh1IOkUgiy7FAO5KEo0s",
                    LossCurve.parseStepMetrics("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n"
                            + "1,6.1,0.0,,\n2,4.2,0.2,5.0,0.1\n3,1.3,0.7,,\n4,0.2,0.95,4.1,0.3\n", "step_metrics.csv"));
            HtmlReport.write(EvalReport.build("KorQuAD base vs fine-tuned", dataset, settings, answers,
                    Map.of("dataset", "KorQuAD_v1.0_dev.json", "seed", "7"), List.of(curve)), html);
        }
    }

    private static String examples(int n) {
        return IntStream.range(0, n).mapToObj(EXAMPLE::formatted).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void droppedFileGetsTheServersValidationReportBeforeAnyUpload() {
        browser.driver.get(base + "#/files");
        browser.await("#dropzone");
        String bad = examples(6) + "{\"messages\":[{\"role\":\"bot\",\"content\":\"x\"}]}\nnot json\n";
        browser.dropFile("#dropzone", "bad.jsonl", bad);
        browser.await("#validation-report");
        assertThat(browser.find("#report-verdict").getText()).endsWith("errors");
        assertThat(browser.find("#validation-report").getText())
                .contains("checked by the server")
                .contains("line 7").contains("unrecognized_role")
                .contains("line 8").contains("invalid_json");
        assertThat(browser.find("#upload-button").getText()).isEqualTo("Upload anyway");
        browser.fullPageScreenshot("files-invalid-report");

        browser.dropFile("#dropzone", "korquad-train.jsonl", examples(12));
        browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#report-verdict").getText().equals("valid"));
        String report = browser.find("#validation-report").getText();
        assertThat(report).contains("korquad-train.jsonl").contains("12\nexamples")
                .contains("Token statistics (o200k_base)").contains("gpt-4o-mini-2024-07-18").contains("$");
        assertThat(browser.find("#upload-button").getText()).isEqualTo("Upload korquad-train.jsonl");
        browser.fullPageScreenshot("files-valid-report");
    }

    @Test
    void browserChecksCatchTheCookbookErrorsWhenTheServerHasNoValidator() {
        browser.driver.get(base + "#/files");
        browser.await("#dropzone");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import("./js/validate.js").then(v => {
                  const ok = v.checkJsonl(arguments[0]);
                  const bad = v.checkJsonl(arguments[1]);
                  done({okValid: ok.valid, okExamples: ok.examples, okTokens: ok.tokens.total.min,
                        okEpochs: ok.openai[0].epochs,
                        badCategories: bad.errors.map(e => e.line + ":" + e.category),
                        korean: v.estimateTokens("대한민국의 수도"), english: v.estimateTokens("The capital of France")});
                }, e => done({error: String(e)}));""",
                examples(12),
                examples(8) + "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\","
                        + "\"content\":\"yo\",\"weight\":2}]}\n[1,2]\n{\"messages\":[]}\n");
        assertThat(r).doesNotContainKey("error");
        assertThat(r.get("okValid")).isEqualTo(true);
        assertThat(r.get("okExamples")).isEqualTo(12L);
        assertThat((Long) r.get("okTokens")).isBetween(30L, 90L);
        assertThat(r.get("okEpochs")).isEqualTo(8L);
        assertThat((List<?>) r.get("badCategories")).map(String::valueOf)
                .contains("9:invalid_weight", "10:data_type", "11:missing_messages_list")
                .noneMatch(c -> c.contains("invalid_n_examples")); // 11 examples: enough
        assertThat((Long) r.get("korean")).isEqualTo(7L); // one per Hangul syllable, the space apart
        assertThat((Long) r.get("english")).isBetween(4L, 7L);
    }

    @Test
    void chatStreamParserJoinsSplitEventsAndSplitUtf8() {
        browser.driver.get(base + "#/playground");
        browser.await("#pg-question");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import("./js/sse.js").then(async sse => {
                  const chunk = d => JSON.stringify({id: "chatcmpl-1", object: "chat.completion.chunk",
                      system_fingerprint: "fp_tuna", choices: d === null ? [] : [{index: 0, ...d}],
                      usage: d === null ? {prompt_tokens: 5, completion_tokens: 3, total_tokens: 8} : null});
                  const text = ": keep-alive\\n\\n"
                      + "data: " + chunk({delta: {role: "assistant", content: ""}, finish_reason: null}) + "\\r\\n\\r\\n"
                      + "data: " + chunk({delta: {content: "서울"}, finish_reason: null}) + "\\n\\n"
                      + "data: " + chunk({delta: {content: "입니다."}, finish_reason: null}) + "\\n\\n"
                      + "data: " + chunk({delta: {}, finish_reason: "stop"}) + "\\n\\n"
                      + "data: " + chunk(null) + "\\n\\n"
                      + "data: [DONE]\\n\\n";
                  const bytes = new TextEncoder().encode(text);
                  // Cut the stream every 7 bytes: events and Hangul's 3-byte characters both span chunks.
                  const body = new ReadableStream({start(c) {
                    for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.slice(i, i + 7));
                    c.close();
                  }});
                  const deltas = [];
                  const result = await sse.readChatStream(new Response(body), d => deltas.push(d));
                  done({content: result.content, deltas, finish: result.finishReason,
                        fingerprint: result.fingerprint, completion: result.usage.completion_tokens});
                }).catch(e => done({error: String(e)}));""");
        assertThat(r).doesNotContainKey("error");
        assertThat(r.get("content")).isEqualTo("서울입니다.");
        assertThat((List<?>) r.get("deltas")).map(String::valueOf).containsExactly("서울", "입니다.");
        assertThat(r.get("finish")).isEqualTo("stop");
        assertThat(r.get("fingerprint")).isEqualTo("fp_tuna");
        assertThat(r.get("completion")).isEqualTo(3L);
    }

    @Test
    void evalReportsAreListedAndShownInASandboxedFrame() {
        browser.driver.get(base + "#/evals");
        browser.await("#reports-table");
        assertThat(browser.find("#reports-table").getText()).contains("korquad-base-vs-ft.html").contains("html");
        browser.click("#reports-table tr[data-name='korquad-base-vs-ft.html'] a");
        browser.await("#report-frame");
        assertThat(browser.find("#report-frame").getAttribute("sandbox")).isEqualTo("allow-scripts");
        browser.driver.switchTo().frame(browser.find("#report-frame"));
        try {
            assertThat(browser.await("#summary").getText()).contains("tuna-nano").contains("66.67");
            assertThat(browser.find("#questions").getText()).contains("임종석이 지명수배된 날은?").contains("세조");
            // The report's own script runs in the sandbox: filtered to the fine-tuned model's wrong answers, only
            // the one question it got wrong is left.
            new Select(browser.find("#wrong-by")).selectByValue("1");
            browser.waitFor(Duration.ofSeconds(60), d -> browser.js("return [...document.querySelectorAll("
                    + "'#questions tr.q')].filter(r => r.offsetParent !== null).map(r => r.textContent).join('|')")
                    .toString().contains("한글을 만든 왕은?")
                    && !browser.find("#questions").getText().contains("임종석"));
        } finally {
            browser.driver.switchTo().defaultContent();
        }
        browser.fullPageScreenshot("eval-report");
    }
}
