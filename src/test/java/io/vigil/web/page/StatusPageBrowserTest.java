package io.vigil.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.boundary.BoundaryState;
import io.vigil.service.ServiceParts;
import io.vigil.service.VigilService;
import io.vigil.status.BoundaryStatus;
import io.vigil.testing.Http;
import io.vigil.testing.TestTarget;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real browser (Debian's chromium through chromium-driver, headless, no network): what a
 * reader sees, live refresh, a hostile title shown as text, and an automated accessibility check (axe-core) in
 * light and dark schemes. Screenshots go to {@code target/status-page*.png}. Excluded with
 * {@code -DexcludedGroups=browser}.
 */
@Tag("browser")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusPageBrowserTest {
  static final String SITE_TITLE = "Acme <script>window.pwned = 1</script> status";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private TestTarget shop;
  private TestTarget search;
  private VigilService service;
  private ChromeDriver driver;
  private ChromeDriverService driverService;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("chromium and chromium-driver are installed (apt-get install chromium chromium-driver, as .ci/run does);"
            + " or exclude this test with -DexcludedGroups=browser").isTrue();
    shop = new TestTarget();
    search = new TestTarget();
    Files.writeString(dir.resolve("vigil.yaml"), """
        listen: 127.0.0.1:0
        location: browser-lab
        storage: {sqlite: data/vigil.db}
        probe_files: [probes/*.yaml]
        status_page: {title: '%s'}
        """.formatted(SITE_TITLE));
    Files.createDirectories(dir.resolve("probes"));
    Files.writeString(dir.resolve("probes/site.yaml"), """
        boundaries:
          - name: shop
            title: Shop
            description: Cart and checkout.
            public: true
            slos:
              - {name: availability, sli: requests, target: 99.5%%, window: 30d}
              - {name: uptime, sli: time, target: 99.9%%, window: month}
          - name: search
            title: Search
            public: true
            slos:
              - {name: fast, sli: latency, threshold: 1s, target: 50%%, window: 7d}
          - name: vault
            title: Vault internal
            public: false
        probes:
          - {name: cart, title: Cart API, boundary: shop, type: http, interval: 250ms, timeout: 240ms, http: {url: "%s"}}
          - {name: query, boundary: search, type: http, interval: 250ms, timeout: 240ms, http: {url: "%s"}}
          - {name: vault-probe, boundary: vault, type: http, interval: 250ms, timeout: 240ms, http: {url: "%s"}}
        """.formatted(shop.url(), search.url(), search.url()));
    service = VigilService.start(new VigilService.Options(dir.resolve("vigil.yaml"), Map.of(), null,
        Clock.systemUTC())).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(Http.eventually(Duration.ofSeconds(20), () -> {
      BoundaryStatus b = ServiceParts.status(service).current().boundary("shop");
      BoundaryStatus s = ServiceParts.status(service).current().boundary("search");
      return b != null && b.live().state() == BoundaryState.UP && b.availability("1h").timeRatio().isPresent()
          && s != null && s.live().state() == BoundaryState.UP
          // cold first runs may time out; once enough good runs stop the latency SLO burning, it stays so
          && s.slos().stream().allMatch(slo -> slo.verdict().severity().isEmpty());
    })).as("the snapshot shows both public boundaries up with measured time").isTrue();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--hide-scrollbars", "--window-size=1280,1600",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(driverService, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(20));
  }

  @AfterAll
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (driverService != null) {
      driverService.stop();
    }
    if (service != null) {
      service.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    for (TestTarget t : new TestTarget[] {shop, search}) {
      if (t != null) {
        t.close();
      }
    }
  }

  private String base() {
    return "http://127.0.0.1:" + service.port();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  @Test
  @Order(1)
  void showsEveryPublicBoundaryWithItsStateAndNinetyDayBarsWithTooltips() {
    driver.get(base() + "/");
    List<WebElement> boundaries = driver.findElements(By.cssSelector("main section.boundary"));
    assertThat(boundaries).extracting(e -> e.findElement(By.tagName("h2")).getText()).containsExactly("Shop", "Search");
    assertThat(driver.findElement(By.cssSelector("#b-shop .state .word")).getText()).isEqualTo("Up");
    assertThat(driver.findElement(By.cssSelector("main section.banner")).getText())
        .contains("All systems operational");
    assertThat(driver.getPageSource()).doesNotContain("vault", "Vault internal");
    for (String name : List.of("shop", "search")) {
      @SuppressWarnings("unchecked")
      List<String> titles = (List<String>) js("return Array.from(document.querySelectorAll('#b-' + arguments[0]"
          + " + ' svg.days rect')).map(r => r.querySelector('title').textContent);", name);
      assertThat(titles).hasSize(90);
      assertThat(titles).allSatisfy(t -> assertThat(t).matches(
          "\\d{4}-\\d\\d-\\d\\d( \\(today so far\\))?: (no data|\\d{1,3}(\\.\\d\\d)?%, \\d+ min down.*)"));
      assertThat(titles.get(89)).contains("(today so far)").contains("%, 0 min down");
      String label = driver.findElement(By.cssSelector("#b-" + name + " svg.days")).getAttribute("aria-label");
      assertThat(label).startsWith("Daily uptime for the last 90 days:");
    }
    assertThat(driver.findElements(By.cssSelector("#b-shop dl.uptime dd"))).extracting(WebElement::getText)
        .hasSize(4).allSatisfy(t -> assertThat(t).matches("\\d{1,3}(\\.\\d\\d)?%|no data"));
    assertThat(driver.findElements(By.cssSelector("#b-shop .slos li"))).hasSize(2);
    assertThat(driver.findElements(By.cssSelector("#b-search svg.latency"))).hasSize(1);
  }

  @Test
  @Order(2)
  void aTitleHoldingAScriptIsShownAsTextAndNeverRuns() {
    driver.get(base() + "/");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(SITE_TITLE);
    assertThat(driver.getTitle()).isEqualTo(SITE_TITLE);
    assertThat(js("return typeof window.pwned;")).isEqualTo("undefined");
    assertThat(js("return document.scripts.length;")).isEqualTo(1L);
    assertThat(js("return document.scripts[0].src;").toString()).startsWith(base() + "/assets/vigil.js?v=");
    List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertThat(errors).as("no console errors (a CSP violation would show here)").isEmpty();
  }

  @Test
  @Order(3)
  void passesAxeAccessibilityChecksInLightAndDarkSchemesAndOnPhones() throws IOException {
    String axe = resource("axe/axe.min.js");
    for (String scheme : List.of("light", "dark")) {
      driver.executeCdpCommand("Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
      for (String path : List.of("/", "/boundaries/shop")) {
        driver.get(base() + path);
        assertThat(js("return matchMedia('(prefers-color-scheme: dark)').matches;")).isEqualTo(scheme.equals("dark"));
        js(axe);
        Object violations = ((JavascriptExecutor) driver).executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        assertThat((List<?>) violations).as(scheme + " " + path).isEmpty();
      }
      driver.get(base() + "/");
      screenshot(scheme.equals("light") ? "status-page-up.png" : "status-page-dark.png");
    }
    driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    driver.manage().window().setSize(new Dimension(390, 1600));
    driver.get(base() + "/");
    assertThat(js("return document.documentElement.scrollWidth <= window.innerWidth;"))
        .as("no horizontal scrolling on a phone").isEqualTo(true);
    screenshot("status-page-phone.png");
    driver.manage().window().setSize(new Dimension(1280, 1600));
  }

  @Test
  @Order(4)
  void aBoundaryGoingDownShowsWithinOneRefreshWithoutReloading() throws IOException {
    driver.get(base() + "/");
    assertThat(driver.findElement(By.cssSelector("#b-shop .state .word")).getText()).isEqualTo("Up");
    js("window.vigilTestMarker = 'still the same page';");
    long started = System.nanoTime();
    shop.status(503);
    // one snapshot (every 5 s) plus one page refresh (every 10 s), with slack for a loaded machine
    Duration within = Duration.ofSeconds(StatusPage.REFRESH_SECONDS + 5 + 8);
    new WebDriverWait(driver, within).ignoring(StaleElementReferenceException.class).until(d ->
        d.findElement(By.cssSelector("#b-shop .state .word")).getText().equals("Down"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(js("return window.vigilTestMarker;")).as("refreshed in place, not reloaded")
        .isEqualTo("still the same page");
    assertThat(driver.findElement(By.id("overall")).getText()).contains("Major outage");
    assertThat(driver.findElement(By.cssSelector("main section.banner")).getText()).contains("Affected: Shop (down)");
    assertThat(driver.findElement(By.cssSelector("#b-search .state .word")).getText()).isEqualTo("Up");
    assertThat(js("return document.getElementById('announce').textContent;")).as("announced to screen readers")
        .isEqualTo("Major outage");
    System.out.println("status page showed the outage after " + took.toMillis() + " ms");
    new WebDriverWait(driver, within).ignoring(StaleElementReferenceException.class).until(d -> !d.findElements(By.cssSelector(".incident.open")).isEmpty());
    screenshot("status-page.png");
  }

  private void screenshot(String name) throws IOException {
    Path out = Path.of("target", name);
    Files.createDirectories(out.getParent());
    Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = StatusPageBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
