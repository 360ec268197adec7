package dev.tuna.data.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tuna.data.metrics.AnswerMetric;
import dev.tuna.data.prepare.Template;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in Debian's headless Chromium, offline: it renders (screenshot in target/eval-report/), its script
 * runs (the wrong-answers filter hides the right rows when the page is opened as report.html#wrong), and the key
 * elements are in the rendered DOM.
 */
class HtmlReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path OUT = Path.of("target", "eval-report").toAbsolutePath();

    @TempDir
    static Path profile;

    static Path page;
    static EvalReport report;

    @BeforeAll
    static void writeReport() throws IOException {
        List<EvalQuestion> qs = new ArrayList<>();
        String[][] data = {
            {"임종석이 여의도 농민 폭력 시위를 주도한 혐의로 지명수배 된 날은?", "1989년 2월 15일"},
            {"1989년 6월 30일 평양축전에 대표로 파견 된 인물은?", "임수경"},
            {"임종석이 여의도 농민 폭력 시위를 주도한 혐의로 지명수배된 연도는?", "1989년"},
            {"임종석을 검거한 장소는 경희대 내 어디인가?", "학생회관 건물 계단"},
        };
        for (int i = 0; i < data.length; i++) {
            qs.add(new EvalQuestion("q" + i, data[i][0], null, List.of(EvalMessage.user(data[i][0])),
                    List.of(data[i][1]), null));
        }
        var ds = new EvalDataset(Path.of("KorQuAD_v1.0_dev.json"), "korquad", AnswerMetric.KORQUAD_V1, qs, 0);
        var s = new RunSettings(Template.CLOSED, 4, 42L, null, 64, 2, false, 1);
        var variants = List.of(new Variant("tuna-nano", null), new Variant("ft:tuna-nano:local:kq:abc123", null),
                new Variant("ft:tuna-nano:local:kq:abc123", "You are Marv, a chatbot that is reluctantly helpful."));
        Answerer a = (model, messages) -> {
            String q = messages.getLast().content();
            String gold = qs.stream().filter(x -> x.question().equals(q)).findFirst().orElseThrow().golds().getFirst();
            if (model.equals("tuna-nano")) {
                return gold.equals("임수경") ? gold : "1989";
            }
            return messages.size() > 1 && q.contains("장소") ? "계단, 당연히." : gold;
        };
        try (var cache = PredictionCache.open(profile.resolve("c.jsonl"))) {
            RunAnswers answers = EvalRunner.run(ds, variants, s, a, cache, EvalRunnerTest.QUIET);
            List<LossCurve.Point> points = new ArrayList<>();
            for (int step = 1; step <= 60; step++) {
                points.add(new LossCurve.Point(step, 4.0 * Math.exp(-step / 15.0) + 0.2,
                        step % 10 == 0 ? 4.2 * Math.exp(-step / 18.0) + 0.3 : null));
            }
            report = EvalReport.build("KorQuAD_v1.0_dev.json", ds, s, answers,
                    Map.of("dataset", "KorQuAD_v1.0_dev.json (korquad)", "seed", "42", "repeat", "2"),
                    List.of(new LossCurve("ft:tuna-nano:local:kq:abc123", "ftjob-abc123", points)));
        }
        Files.createDirectories(OUT);
        page = OUT.resolve("report.html");
        HtmlReport.write(report, page);
    }

    @Test
    void rendersOfflineWithTheKeyElementsAndAWorkingWrongAnswersFilter() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
        String dom = chromium("--dump-dom", page.toUri() + "#wrong");
        assertThat(dom).contains("<table id=\"summary\">", "<svg class=\"loss\"", "<table id=\"settings\">");
        assertThat(count(dom, "<tr class=\"variant\">")).isEqualTo(3);
        // Opened as #wrong: the script checked the filter and hid the one question every configuration got right.
        assertThat(dom).contains("id=\"only-wrong\"").contains("3 of 4 shown");
        assertThat(count(dom, "class=\"q hidden\"")).isEqualTo(1);
        assertThat(dom).contains("<td class=\"delta up\">+75.00</td>");

        Path shot = OUT.resolve("report.png");
        Files.deleteIfExists(shot);
        chromium("--screenshot=" + shot, "--window-size=1280,1400", page.toUri().toString());
        assertThat(shot).exists();
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img.getWidth()).isEqualTo(1280);
        // Not a blank page: plenty of pixels that are not the white background (text, table shading, the curve).
        int inked = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        assertThat(inked).isGreaterThan(20_000);
        // The loss curve is drawn in its colour (#2563eb) somewhere on the page.
        boolean blue = false;
        for (int y = 0; y < img.getHeight() && !blue; y++) {
            for (int x = 0; x < img.getWidth() && !blue; x++) {
                blue = (img.getRGB(x, y) & 0xFFFFFF) == 0x2563EB;
            }
        }
        assertThat(blue).as("the train loss polyline's colour in the screenshot").isTrue();
    }

    private static String chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile.resolve("chromium")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
