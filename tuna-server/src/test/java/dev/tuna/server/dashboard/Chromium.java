package dev.tuna.server.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver: no browser download, no Selenium Manager, a fresh
 * profile per test. Tests call {@link #assumeInstalled()} first, so they skip where the browser is absent.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** A common laptop screen. */
    static final Dimension LAPTOP = new Dimension(1440, 900);
    /** Screenshots land here (Maven's target folder of the module), kept as test artefacts. */
    static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

    final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "browser tests need Debian's chromium and chromium-driver (" + BINARY + ", " + DRIVER + ")");
    }

    static Chromium start(Path userDataDir) {
        assumeInstalled();
        try {
            Files.createDirectories(downloads(userDataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--lang=en-US", "--force-device-scale-factor=1",
                "--user-data-dir=" + userDataDir.toAbsolutePath(),
                "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight());
        // Downloads (the Files page's Download button) land in the profile's downloads folder, without asking.
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads(userDataDir).toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads(userDataDir).toAbsolutePath().toString()));
        return new Chromium(driver);
    }

    /** Where files the page downloads are saved. */
    static Path downloads(Path userDataDir) {
        return userDataDir.resolve("downloads");
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        // Pages re-render as data arrives: an element found a moment ago may be gone, so look again.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** The first element matching css that is displayed, waiting up to 60 s. */
    WebElement await(String css) {
        return waitFor(Duration.ofSeconds(60), d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    /** Clicks the element matching css once it is displayed, finding it again if the page re-rendered it meanwhile. */
    void click(String css) {
        waitFor(Duration.ofSeconds(60), d -> {
            WebElement el = d.findElement(By.cssSelector(css));
            if (!el.isDisplayed()) {
                return null;
            }
            el.click();
            return true;
        });
    }

    /** Drops a file on the element, as a drag and drop from the desktop would (a DataTransfer holding a File). */
    void dropFile(String css, String filename, String content) {
        js("""
                const dt = new DataTransfer();
                dt.items.add(new File([arguments[1]], arguments[2], {type: "application/jsonl"}));
                const target = document.querySelector(arguments[0]);
                for (const type of ["dragenter", "dragover", "drop"]) {
                  target.dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true}));
                }""", css, content, filename);
    }

    /** Saves a PNG of the viewport as target/dashboard-screenshots/NAME.png; returns its path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.move(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a PNG of the whole page (not just the viewport), by resizing the window to the page's height. */
    Path fullPageScreenshot(String name) {
        js("window.scrollTo(0, 0)");
        long height = ((Number) js("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).longValue();
        driver.manage().window().setSize(new Dimension(LAPTOP.getWidth(), (int) Math.min(4000, Math.max(LAPTOP.getHeight(), height + 120))));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(LAPTOP);
        }
    }

    /** Severe console messages (script errors, failed loads) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    Map<String, Object> sessionStorage() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) js("return Object.assign({}, sessionStorage)");
        return m;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
