package dev.tuna.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tuna.data.squad.SquadExample;
import dev.tuna.data.squad.SquadReader;
import dev.tuna.server.ServerConfig;
import dev.tuna.server.TunaServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The tutorial in the browser, against a real server with the real engine: upload KorQuAD pairs after reading their
 * validation report, fine-tune tuna-nano while the loss chart fills in, chat with the fine-tuned model with a seed
 * (the same answer twice), compare the tutorial's two system prompts side by side. Screenshots of every page are
 * kept in target/dashboard-screenshots.
 */
class DashboardWorkflowTest {
    static final String MARV = "Marv is a factual chatbot that is also sarcastic.";
    static final String HELPFUL = "You are a helpful assistant.";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private TunaServer server;
    private Chromium browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    private String startServer(String apiKey) throws Exception {
        Chromium.assumeInstalled();
        ServerConfig config = ServerConfig.of(tmp.resolve("data"), Files.createDirectories(tmp.resolve("models")))
                .withPort(0).withApiKey(apiKey);
        server = TunaServer.start(config);
        browser = Chromium.start(Files.createDirectories(tmp.resolve("chromium")));
        return "http://127.0.0.1:" + server.port() + "/";
    }

    /** The first n distinct KorQuAD dev questions with their first answer, as chat JSONL under Marv's prompt. */
    static Map<String, String> korquadPairs(int n) {
        Path dev = Path.of(System.getProperty("tuna.repo.root", ".."), "data/korquad/KorQuAD_v1.0_dev.json");
        Map<String, String> pairs = new LinkedHashMap<>();
        for (SquadExample e : SquadReader.readExamples(dev)) {
            if (pairs.size() == n) {
                break;
            }
            pairs.putIfAbsent(e.question().question().strip(), e.question().answerTexts().getFirst().strip());
        }
        return pairs;
    }

    static String jsonl(Map<String, String> pairs) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> p : pairs.entrySet()) {
            ObjectNode line = JSON.createObjectNode();
            var messages = line.putArray("messages");
            messages.addObject().put("role", "system").put("content", MARV);
            messages.addObject().put("role", "user").put("content", p.getKey());
            messages.addObject().put("role", "assistant").put("content", p.getValue());
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private void type(String css, String text) {
        WebElement el = browser.find(css);
        el.clear();
        el.sendKeys(text);
    }

    private int chartPoints() {
        return Integer.parseInt(browser.find("#loss-chart").getAttribute("data-points"));
    }

    /** Waits for column col's n-th assistant reply to finish streaming; returns its text (without the meta line). */
    private String reply(int col, int n) {
        String css = ".chat-col[data-col='" + col + "'] .msg.assistant";
        browser.waitFor(Duration.ofSeconds(120), d -> {
            List<WebElement> replies = d.findElements(By.cssSelector(css));
            return replies.size() >= n && !replies.get(n - 1).getAttribute("class").contains("streaming");
        });
        List<WebElement> errors = browser.findAll(".chat-col[data-col='" + col + "'] .msg.error");
        assertThat(errors).as("chat errors").isEmpty();
        return browser.findAll(css).get(n - 1).findElement(By.cssSelector(".content")).getText();
    }

    @Test
    void uploadTrainWatchTheLossChatAndCompare() throws Exception {
        String base = startServer(null);
        Map<String, String> all = korquadPairs(30);
        Map<String, String> pairs = new LinkedHashMap<>(), held = new LinkedHashMap<>();
        all.forEach((q, a) -> (pairs.size() < 20 ? pairs : held).put(q, a));

        // Files: drop each file, read its report, upload (validation file first, then the training file).
        browser.driver.get(base + "#/files");
        browser.await("#dropzone");
        browser.dropFile("#dropzone", "korquad-valid.jsonl", jsonl(held));
        browser.waitFor(Duration.ofSeconds(90), d -> browser.find("#report-verdict").getText().equals("valid"));
        browser.click("#upload-button");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.findAll("#files-table").size() == 1
                && browser.find("#files-table").getText().contains("korquad-valid.jsonl"));
        browser.dropFile("#dropzone", "korquad-marv.jsonl", jsonl(pairs));
        browser.waitFor(Duration.ofSeconds(90), d -> browser.find("#validation-report").getText().contains("korquad-marv.jsonl"));
        browser.waitFor(Duration.ofSeconds(90), d -> browser.find("#report-verdict").getText().equals("valid"));
        assertThat(browser.find("#validation-report").getText()).contains("20\nexamples").contains("checked by the server");
        browser.click("#upload-button");
        browser.await("#files-table");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#files-table").getText().contains("korquad-marv.jsonl"));
        browser.fullPageScreenshot("1-files-uploaded");

        // Jobs: the form comes with the uploaded file chosen; nano, a seed, start.
        browser.click("#train-link");
        browser.waitFor(Duration.ofSeconds(60), d -> !new Select(browser.find("#job-training-file")).getOptions().isEmpty()
                && browser.find("#job-training-file").getAttribute("value").startsWith("file-"));
        assertThat(new Select(browser.find("#job-model")).getFirstSelectedOption().getText()).isEqualTo("tuna-nano");
        new Select(browser.find("#job-validation-file")).getOptions().stream()
                .filter(o -> o.getText().startsWith("korquad-valid.jsonl")).findFirst().orElseThrow().click();
        type("#job-suffix", "marv");
        type("#job-seed", "42");
        browser.screenshot("2-job-form");
        browser.click("#job-submit");

        // The job page: the chart gains points while it trains, then it succeeds.
        browser.waitFor(Duration.ofSeconds(60), d -> d.getCurrentUrl().contains("#/jobs/ftjob-"));
        browser.waitFor(Duration.ofSeconds(180), d -> chartPoints() >= 2);
        int early = chartPoints();
        browser.waitFor(Duration.ofSeconds(180), d -> chartPoints() > early + 5
                || browser.find("#job-status").getText().equals("succeeded"));
        browser.screenshot("3-job-training");
        browser.waitFor(Duration.ofSeconds(600), d -> {
            String status = browser.find("#job-status").getText();
            assertThat(status).isNotIn("failed", "cancelled");
            return status.equals("succeeded");
        });
        int total = chartPoints();
        assertThat(total).isGreaterThan(early);
        assertThat(Integer.parseInt(browser.find("#loss-chart").getAttribute("data-valid-points"))).isGreaterThan(1);
        assertThat(browser.find("#loss-chart .u-legend").getText()).contains("valid loss");
        assertThat(browser.find("#job-progress").getAttribute("aria-valuenow")).isEqualTo("100");
        String model = browser.await("#job-fine-tuned-model").getText();
        assertThat(model).startsWith("ft:tuna-nano:local:marv:");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#job-events").getText().contains("succeeded")
                || browser.find("#job-events").getText().contains("completed"));
        browser.fullPageScreenshot("4-job-succeeded");

        // Playground: the fine-tuned model, a seed, a trained question; the same answer twice.
        browser.click("#job-chat");
        browser.await("#pg-question");
        browser.waitFor(Duration.ofSeconds(60), d -> model.equals(browser.find(".chat-col[data-col='0'] .pg-model").getAttribute("value")));
        type("#pg-seed", "7");
        type("#pg-temperature", "0");
        type("#pg-max-tokens", "64");
        String question = pairs.keySet().iterator().next();
        browser.find("#pg-question").sendKeys(question, Keys.ENTER);
        String first = reply(0, 1);
        assertThat(first).isNotBlank();
        browser.click(".chat-col[data-col='0'] button[title='Clear this conversation']");
        browser.find("#pg-question").sendKeys(question, Keys.ENTER);
        assertThat(reply(0, 1)).isEqualTo(first);
        browser.screenshot("5-playground-seeded");

        // Compare: the same model under the tutorial's two system prompts, one question.
        browser.click("#pg-compare");
        browser.click(".chat-col[data-col='0'] button[title='Clear this conversation']");
        browser.click(".chat-col[data-col='0'] .pg-preset[data-preset='Marv']");
        browser.click(".chat-col[data-col='1'] .pg-preset[data-preset='Helpful assistant']");
        assertThat(browser.find(".chat-col[data-col='1'] .pg-model").getAttribute("value")).isEqualTo(model);
        assertThat(browser.find(".chat-col[data-col='0'] .pg-system").getAttribute("value")).isEqualTo(MARV);
        assertThat(browser.find(".chat-col[data-col='1'] .pg-system").getAttribute("value")).isEqualTo(HELPFUL);
        browser.find("#pg-question").sendKeys(question, Keys.ENTER);
        List<String> answers = new ArrayList<>(List.of(reply(0, 1), reply(1, 1)));
        assertThat(answers).allSatisfy(a -> assertThat(a).isNotBlank());
        assertThat(answers.getFirst()).as("Marv's prompt is the one it was trained with").isEqualTo(first);
        browser.screenshot("6-playground-compare");

        // Models: the fine-tuned model with the job that made it.
        browser.driver.get(base + "#/models");
        browser.await("#fine-tuned-models");
        String row = browser.find("#fine-tuned-models").getText();
        assertThat(row).contains(model).contains("ftjob-").contains("from tuna-nano");
        browser.screenshot("7-models");

        browser.driver.get(base + "#/jobs");
        browser.await("#jobs-table");
        assertThat(browser.find("#jobs-table").getText()).contains("succeeded").contains(model);
        browser.screenshot("8-jobs");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Uploads a file through the Files page (whatever its report says) and opens the job form for it. */
    private void uploadAndOpenJobForm(String base, String filename, String content) {
        browser.driver.get(base + "#/files");
        browser.await("#dropzone");
        browser.dropFile("#dropzone", filename, content);
        browser.click("#upload-button");
        browser.click("#train-link");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#job-training-file").getAttribute("value").startsWith("file-"));
    }

    private String status() {
        return browser.find("#job-status").getText();
    }

    @Test
    void aFileOfNineExamplesIsFlaggedAndTheJobFailsSayingWhy() throws Exception {
        String base = startServer(null);
        Map<String, String> nine = new LinkedHashMap<>();
        korquadPairs(9).forEach(nine::put);
        browser.driver.get(base + "#/files");
        browser.await("#dropzone");
        browser.dropFile("#dropzone", "nine.jsonl", jsonl(nine));
        browser.waitFor(Duration.ofSeconds(90), d -> browser.find("#report-verdict").getText().equals("1 error"));
        assertThat(browser.find("#validation-report").getText()).contains("9\nexamples").contains("at least 10");
        assertThat(browser.find("#upload-button").getText()).isEqualTo("Upload anyway");
        browser.click("#upload-button");
        browser.click("#train-link");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#job-training-file").getAttribute("value").startsWith("file-"));
        browser.click("#job-submit");
        browser.waitFor(Duration.ofSeconds(60), d -> status().equals("failed"));
        assertThat(browser.await("#job-error").getText()).contains("invalid_n_examples").contains("training_file");
        assertThat(browser.findAll("#job-cancel")).isEmpty();
        browser.screenshot("9-job-failed");
    }

    @Test
    void aRunningJobIsPausedResumedAndCancelledFromItsPage() throws Exception {
        String base = startServer(null);
        uploadAndOpenJobForm(base, "korquad.jsonl", jsonl(korquadPairs(20)));
        type("#job-epochs", "50");
        browser.click("#job-submit");
        browser.waitFor(Duration.ofSeconds(120), d -> chartPoints() >= 1);
        browser.click("#job-pause");
        browser.waitFor(Duration.ofSeconds(60), d -> status().equals("paused"));
        // A step that was under way when the pause came may still report; resumed training reports several more.
        int pausedAt = chartPoints();
        browser.click("#job-resume");
        browser.waitFor(Duration.ofSeconds(180), d -> chartPoints() > pausedAt + 2
                && List.of("queued", "running").contains(status()));
        browser.click("#job-cancel");
        browser.driver.switchTo().alert().accept();
        browser.waitFor(Duration.ofSeconds(60), d -> status().equals("cancelled"));
        assertThat(browser.findAll("#job-cancel")).isEmpty();
        assertThat(browser.findAll("#job-pause")).isEmpty();
        assertThat(Integer.parseInt(browser.find("#job-progress").getAttribute("aria-valuenow"))).isLessThan(100);
        browser.screenshot("10-job-cancelled");
    }

    @Test
    void theApiKeyIsAskedForOnceAndKeptInTheSessionOnly() throws Exception {
        String base = startServer("sk-dash-test");
        browser.driver.get(base + "#/files");
        browser.await("#api-key-dialog[open]");
        browser.screenshot("0-api-key");
        browser.find("#api-key-input").sendKeys("sk-dash-test");
        browser.click("#api-key-save");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#view").getText().contains("No files yet"));
        assertThat(browser.sessionStorage()).containsEntry("tuna.apiKey", "sk-dash-test");
        assertThat(browser.js("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.find("#api-key-button").getText()).isEqualTo("API key ✓");
        // Other pages use the same key without asking again.
        browser.driver.get(base + "#/models");
        browser.await("#base-models");
        assertThat(browser.find("#base-models").getText()).contains("tuna-nano");
        assertThat(browser.findAll("#api-key-dialog[open]")).isEmpty();

        // Upload, download (the same bytes come back, Korean included) and delete a file with the key.
        String content = jsonl(korquadPairs(10));
        browser.driver.get(base + "#/files");
        browser.await("#dropzone");
        browser.dropFile("#dropzone", "korquad-10.jsonl", content);
        browser.click("#upload-button");
        browser.waitFor(Duration.ofSeconds(60), d -> browser.findAll("#files-table").size() == 1);
        browser.click("#files-table button.download");
        Path downloaded = Chromium.downloads(tmp.resolve("chromium")).resolve("korquad-10.jsonl");
        browser.waitFor(Duration.ofSeconds(60), d -> Files.isRegularFile(downloaded));
        browser.waitFor(Duration.ofSeconds(60), d -> {
            try {
                return Files.readString(downloaded).equals(content);
            } catch (java.io.IOException e) {
                return false;
            }
        });
        browser.click("#files-table button.delete");
        browser.driver.switchTo().alert().accept();
        browser.waitFor(Duration.ofSeconds(60), d -> browser.find("#view").getText().contains("No files yet"));
        assertThat(browser.consoleErrors()).allMatch(e -> e.contains("401"));
    }
}
