package dev.contrail.api.dashboard;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: both from the system (CI's {@code .ci/run} installs
 * them where missing), so nothing is downloaded at test time (Selenium Manager is never asked). Without them the
 * browser tests fail and say so, unless {@code -Dcontrail.browser-tests.skip=true} skips them on purpose.
 */
final class HeadlessChromium {

    static final String SKIP_PROPERTY = "contrail.browser-tests.skip";
    private static final String CHROMIUM = System.getProperty("contrail.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("contrail.chromedriver", "/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        Assumptions.assumeFalse(Boolean.getBoolean(SKIP_PROPERTY), "browser tests skipped on purpose (-D" + SKIP_PROPERTY + "=true)");
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            fail("The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER + "): "
                    + "apt-get install -y chromium chromium-driver, or run with -D" + SKIP_PROPERTY + "=true to skip them");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,860",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        return new ChromeDriver(service, options);
    }
}
