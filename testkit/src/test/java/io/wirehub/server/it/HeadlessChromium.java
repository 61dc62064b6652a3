package io.wirehub.server.it;

import io.wirehub.testkit.internal.TestTools;
import java.nio.file.Path;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's chromium and chromedriver, headless, with a fresh profile and no traffic beyond loopback. */
public final class HeadlessChromium {
    private HeadlessChromium() {
    }

    public static WebDriver start(Path profile) {
        Path driver = TestTools.require("chromedriver", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        Path browser = TestTools.require("chromium", "/usr/bin/chromium", "/usr/lib/chromium/chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        // No network beyond loopback: nothing that phones home, and a fresh profile every run.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1440,1280", "--user-data-dir=" + profile, "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--disable-quic", "--disable-default-apps", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
