package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * {@code /targets} in a real browser, Debian's headless {@code chromium} driven through its
 * {@code chromedriver}: the page of the jar running {@code --demo} shows every instance with the state its
 * scrape left, and the filter works as one types. Leaves a screenshot in
 * {@code target/targets-page.png} (the one in docs/ is a copy).
 */
class TargetsPageBrowserIT {
    /** Each demo instance that is not up, with the state it is in (see {@code Main.DEMO_FAILURES}). */
    private static final Map<String, String> NOT_UP = Map.of(
            "demo-org/production/shop/2", "not running",
            "demo-org/production/billing/1", "not running",
            "demo-org/production/billing/2", "not running",
            "demo-org/staging/shop/1", "not running",
            "platform-org/tools/secured-exporter/0", "down");

    @Test
    void showsEveryDemoInstanceWithItsStateAndFiltersAsOneTypes(@TempDir Path dir) throws Exception {
        Chromium chromium = Chromium.require();
        try (JarProcess jar = JarProcess.start(Map.of(), "--demo").awaitReady()) {
            HttpClient client = HttpClient.newHttpClient();
            client.send(HttpRequest.newBuilder(jar.url("/metrics")).build(), HttpResponse.BodyHandlers.discarding());
            JsonNode data = new ObjectMapper()
                    .readTree(client.send(
                                    HttpRequest.newBuilder(jar.url("/targets"))
                                            .header("Accept", "application/json")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body());
            int total = data.path("counts").path("total").asInt();
            WebDriver browser = chromium.start(dir);
            try {
                browser.get(jar.url("/targets?refresh=0").toString());

                Map<String, String> shown = visibleStates(browser);
                assertThat(shown).hasSize(total);
                assertThat(total).isGreaterThan(NOT_UP.size());
                shown.forEach((instance, state) ->
                        assertThat(state).as(instance).isEqualTo(NOT_UP.getOrDefault(instance, "up")));
                assertThat(shown).containsAllEntriesOf(NOT_UP);
                assertThat(browser.findElement(By.id("count-up")).getText()).isEqualTo((total - NOT_UP.size()) + " up");
                Files.write(
                        Path.of("target", "targets-page.png"),
                        ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

                browser.findElement(By.id("q")).sendKeys("billing");
                await(() -> visibleStates(browser).size() == 3);
                assertThat(visibleStates(browser).keySet())
                        .containsExactly(
                                "demo-org/production/billing/0",
                                "demo-org/production/billing/1",
                                "demo-org/production/billing/2");
                assertThat(browser.findElement(By.id("shown")).getText()).isEqualTo("3");
                assertThat(browser.getCurrentUrl()).endsWith("/targets?q=billing&refresh=0");

                browser.findElement(By.cssSelector("input[name=state][value=not-running]"))
                        .click();
                await(() -> visibleStates(browser).size() == 2);
                assertThat(visibleStates(browser))
                        .containsOnlyKeys("demo-org/production/billing/1", "demo-org/production/billing/2");

                browser.navigate().refresh(); // the filter, kept in the address, survives the reload
                assertThat(visibleStates(browser))
                        .containsOnlyKeys("demo-org/production/billing/1", "demo-org/production/billing/2");
            } finally {
                browser.quit();
            }
        }
    }

    /**
     * The rows shown (rendered: not hidden by the filter), as {@code org/space/app/index} to the state they
     * show; read in one script, as one WebDriver call per cell would take seconds.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> visibleStates(WebDriver browser) {
        List<List<String>> rows = (List<List<String>>) ((JavascriptExecutor) browser).executeScript("""
                        return Array.from(document.querySelectorAll('tr[data-state]'))
                          .filter(row => row.offsetParent !== null)
                          .map(row => Array.from(row.cells).slice(0, 6).map(cell => cell.innerText.trim()));
                        """);
        Map<String, String> states = new TreeMap<>();
        for (List<String> cells : rows) {
            states.put(String.join("/", cells.subList(0, 4)), cells.get(5));
        }
        return states;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int attempt = 0; attempt < 50 && !condition.getAsBoolean(); attempt++) {
            Thread.sleep(100);
        }
    }

    /**
     * Debian's {@code chromium} and {@code chromium-driver}. When either is missing the test is skipped with
     * the reason, unless {@code PROMREGATOR_REQUIRE_BROWSER=1} (set by {@code .ci/run}) makes that a failure.
     */
    record Chromium(Path browser, Path driver) {
        static final String REQUIRE_VARIABLE = "PROMREGATOR_REQUIRE_BROWSER";

        static Chromium require() {
            return require(
                    new Chromium(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver")),
                    System.getenv(REQUIRE_VARIABLE));
        }

        /** @param requireSetting the value of {@code PROMREGATOR_REQUIRE_BROWSER}; null when unset */
        static Chromium require(Chromium chromium, String requireSetting) {
            if (Files.isExecutable(chromium.browser()) && Files.isExecutable(chromium.driver())) {
                return chromium;
            }
            String missing = chromium.browser() + " or " + chromium.driver()
                    + " is missing (apt-get install chromium chromium-driver)";
            if ("1".equals(requireSetting)) {
                org.junit.jupiter.api.Assertions.fail(missing + " and " + REQUIRE_VARIABLE + "=1 requires them");
            }
            org.junit.jupiter.api.Assumptions.abort(
                    "Skipped: " + missing + "; set " + REQUIRE_VARIABLE + "=1 to make this a failure");
            return chromium;
        }

        WebDriver start(Path profile) {
            ChromeOptions options = new ChromeOptions()
                    .setBinary(browser.toFile())
                    .addArguments(
                            "--headless=new",
                            "--no-sandbox", // CI runs as root
                            "--disable-gpu",
                            "--disable-dev-shm-usage",
                            "--window-size=1400,1000",
                            "--user-data-dir=" + profile.resolve("chromium-profile"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver chrome = new ChromeDriver(service, options);
            chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return chrome;
        }
    }
}
