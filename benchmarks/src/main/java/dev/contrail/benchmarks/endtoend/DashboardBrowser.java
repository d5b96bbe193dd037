package dev.contrail.benchmarks.endtoend;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One visit of Contrail's dashboard in Debian's headless chromium, driven through Debian's chromedriver (as the api
 * module's {@code HeadlessChromium}: nothing is downloaded, Selenium Manager is never asked), measuring what issue 15
 * asks about: how long after the navigation's start the first aircraft is on screen, how many are drawn, and the frames
 * per second while the map pans.
 */
final class DashboardBrowser {

    /** What one visit measured. NaN where it could not be measured (the reason is in {@code problems}). */
    record Visit(double firstAircraftMs, double mostDrawnMs, int drawn, int known, int frames, double panSeconds,
                 double drawMs, double browserCores, double machineCores, List<String> problems) {

        double framesPerSecond() {
            return panSeconds > 0 ? frames / panSeconds : Double.NaN;
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Path chromium;
    private final Path chromedriver;

    DashboardBrowser(Path chromium, Path chromedriver) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
        if (!new File(chromium.toString()).canExecute() || !new File(chromedriver.toString()).canExecute()) {
            throw new IllegalStateException("The dashboard benchmark needs Debian's chromium and chromium-driver (" + chromium + ", "
                    + chromedriver + "): apt-get install -y chromium chromium-driver");
        }
    }

    /**
     * Opens {@code page} (whose hash sets the map's view) in a fresh browser, waits for the first aircraft and then for
     * {@code expected} × 95 % of them (or {@link #PATIENCE}), pans the map for {@code panSeconds} as a mouse drag does,
     * and closes the browser. A screenshot of the map goes to {@code screenshot}.
     */
    Visit visit(URI page, int expected, Duration pan, Path screenshot) throws Exception {
        List<String> problems = new ArrayList<>();
        ChromeDriver browser = start();
        try {
            browser.get(page.toString());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (js(browser, "return document.body.dataset.firstAircraftMs || null") == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no aircraft on screen " + PATIENCE.toSeconds() + " s after opening " + page
                            + "; page status: " + js(browser, "const s = document.getElementById('status'); return s ? s.textContent : ''"));
                }
                Thread.sleep(POLL.toMillis());
            }
            double firstAircraftMs = Double.parseDouble(js(browser, "return document.body.dataset.firstAircraftMs").toString());

            // Then the rest of the first picture: flights(within:) pages of 1,000, each drawn as it comes. Polled, so the
            // time is late by up to one poll interval plus a WebDriver round trip.
            int mostOf = (int) Math.ceil(expected * 0.95);
            double mostDrawnMs = Double.NaN;
            while (System.nanoTime() < deadline) {
                @SuppressWarnings("unchecked")
                List<Number> now = (List<Number>) js(browser,
                        "return [performance.now(), Number(document.getElementById('aircraft').dataset.drawn || 0)]");
                if (now.get(1).intValue() >= mostOf) {
                    mostDrawnMs = now.get(0).doubleValue();
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
            if (Double.isNaN(mostDrawnMs)) {
                problems.add("fewer than " + mostOf + " aircraft drawn " + PATIENCE.toSeconds() + " s after opening the page");
            }
            // Let the last pages arrive, then count.
            Thread.sleep(2_000);
            int drawn = Integer.parseInt(browser.findElement(By.id("aircraft")).getDomAttribute("data-drawn"));
            int known = ((Number) js(browser, "return window.contrail.state.aircraft.size")).intValue();

            // Frames per second while panning, the way DashboardIT does it: what Leaflet's drag handler does on each
            // mouse move (shift the map pane, fire 'move'), a few pixels every animation frame; meanwhile the live
            // subscription keeps bringing updates.
            double browserCpuBefore = browserCpuSeconds();
            double machineBefore = CpuAccounting.machineBusySeconds();
            long panStart = System.nanoTime();
            @SuppressWarnings("unchecked")
            Map<String, Number> frameRate = (Map<String, Number>) ((JavascriptExecutor) browser).executeAsyncScript("""
                    const done = arguments[arguments.length - 1]; const c = window.contrail; const millis = arguments[0];
                    const start = performance.now(); const before = c.frames(); let step = 0;
                    function pan() {
                      c.map._rawPanBy([step++ % 2 === 0 ? 3 : -3, 0]);
                      c.map.fire('move');
                      if (performance.now() - start < millis) requestAnimationFrame(pan);
                      else { const seconds = (performance.now() - start) / 1000;
                             done({ frames: c.frames() - before, seconds }); }
                    }
                    requestAnimationFrame(pan);""", pan.toMillis());
            double panWall = (System.nanoTime() - panStart) / 1e9;
            double browserCores = (browserCpuSeconds() - browserCpuBefore) / panWall;
            double machineCores = (CpuAccounting.machineBusySeconds() - machineBefore) / panWall;
            Number drawMs = (Number) js(browser, """
                    const times = [];
                    for (let i = 0; i < 21; i++) { const t = performance.now(); window.contrail.draw(); times.push(performance.now() - t); }
                    times.sort((a, b) => a - b); return times[10];""");
            Files.createDirectories(screenshot.getParent());
            Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    problems.add("browser console: " + entry.getMessage());
                }
            }
            return new Visit(firstAircraftMs, mostDrawnMs, drawn, known, frameRate.get("frames").intValue(),
                    frameRate.get("seconds").doubleValue(), drawMs.doubleValue(), browserCores, machineCores, problems);
        } finally {
            browser.quit();
        }
    }

    private ChromeDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,860",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
        return new ChromeDriver(service, options);
    }

    private static Object js(ChromeDriver browser, String script, Object... arguments) {
        return browser.executeScript(script, arguments);
    }

    /** CPU time of chromedriver and every chromium process (this JVM's descendants whose command names chrom*), seconds. */
    static double browserCpuSeconds() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().startsWith("chrom")).orElse(false))
                .flatMap(p -> p.info().totalCpuDuration().stream())
                .mapToLong(Duration::toMillis).sum() / 1000.0;
    }
}
