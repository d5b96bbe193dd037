package dev.contrail.benchmarks.endtoend;

import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.benchmarks.traffic.TrafficSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 15's figures for the dashboard: time to the first aircraft on screen, aircraft drawn and frames per second with
 * the benchmark generator's 10,000 aircraft flowing through Contrail, in headless Chromium. One command (see
 * benchmarks/README.md, "Dashboard"):
 * <ol>
 *   <li>Embedded Kafka and PostgreSQL in this JVM; Contrail's Boot jar in a process of its own on a fresh database, as
 *       the suite runs it ({@link ContrailProcess}).</li>
 *   <li>The generator's first 30 s of simulated traffic (every aircraft comes into coverage) as fast as it goes, then
 *       nothing until every consumer group has caught up, as the suite's warm-up; then the live load at
 *       {@code dashboard.speed} × real time (1 = 2,000 state vectors/s, the rate of the suite's live figure 2), kept up
 *       during the visits.</li>
 *   <li>{@code dashboard.runs} visits of {@code /#<view>} in a fresh headless Chromium each ({@link DashboardBrowser}).</li>
 *   <li>{@code results/dashboard-latest.md} and a dated copy.</li>
 * </ol>
 */
public final class DashboardBenchmark {

    /**
     * @param runs        browser visits; figures are their median
     * @param aircraft    simulated aircraft
     * @param seed        generator seed
     * @param speed       live load during the visits, × real time (1 = 2,000 vectors/s with 10,000 aircraft)
     * @param view        the map's view, {@code latitude,longitude,zoom} (the page's hash)
     * @param pan         how long the map pans for the frame rate
     * @param appJar      Contrail's Boot jar
     * @param appJvmArgs  JVM options for Contrail's process
     * @param chromium    Debian's chromium
     * @param chromedriver Debian's chromedriver
     * @param resultsDir  where dashboard-latest.md goes
     * @param workDir     Contrail's log, screenshots
     */
    record Settings(int runs, int aircraft, long seed, double speed, String view, Duration pan, Path appJar, List<String> appJvmArgs,
                    Path chromium, Path chromedriver, Path resultsDir, Path workDir) {

        static Settings fromSystemProperties() {
            String jvmArgs = property("app.jvmArgs", "-Xmx1g");
            return new Settings(Integer.parseInt(property("runs", "3")), Integer.parseInt(property("aircraft", "10000")),
                    Long.parseLong(property("seed", "20261126")), Double.parseDouble(property("speed", "1")),
                    property("view", "20,0,2"), Duration.ofSeconds(Long.parseLong(property("panSeconds", "3"))),
                    Path.of(property("app.jar", "api/target/contrail-api-0.1.0-SNAPSHOT.jar")).toAbsolutePath().normalize(),
                    jvmArgs.isBlank() ? List.of() : List.of(jvmArgs.trim().split("\\s+")),
                    Path.of(property("chromium", "/usr/bin/chromium")), Path.of(property("chromedriver", "/usr/bin/chromedriver")),
                    Path.of(property("resultsDir", "benchmarks/results")).toAbsolutePath().normalize(),
                    Path.of(property("workDir", "benchmarks/target/dashboard-work")).toAbsolutePath().normalize());
        }

        private static String property(String name, String defaultValue) {
            String value = System.getProperty("dashboard." + name);
            return value == null || value.isBlank() ? defaultValue : value.trim();
        }
    }

    private static final Duration LAG_SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration LAG_BOUND = Duration.ofSeconds(3);

    private final Settings settings;
    private final List<String> problems = new ArrayList<>();
    private final List<String[]> loadAverages = new ArrayList<>();

    DashboardBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Path report = new DashboardBenchmark(Settings.fromSystemProperties()).run();
        Log.info("Report: %s", report);
        // The embedded broker and PostgreSQL stop in their shutdown hooks.
        System.exit(0);
    }

    Path run() throws Exception {
        long runStart = System.nanoTime();
        Instant started = Instant.now();
        var machine = MachineInfo.current();
        Log.info("Contrail dashboard benchmark on %s", machine.describe());
        Log.info("Settings: %s", settings);
        noteLoadAverage("at start");
        var browser = new DashboardBrowser(settings.chromium(), settings.chromedriver());
        String browserVersion = browserVersion();

        var stack = EmbeddedStack.start();
        String bootstrap = stack.bootstrapServers();
        String postgresUrl = stack.postgresUrl();
        String user = stack.user();
        var underTest = ContrailProcess.underTest(settings.appJar(), settings.workDir(), settings.appJvmArgs());
        Path appJar = underTest.jar();
        String appUnderTest = underTest.description();
        String jdbcUrl = BenchmarkSuite.freshDatabase(postgresUrl, user, "contrail_dashboard_" + started.getEpochSecond());
        String prefix = "contrail-dashboard-" + started.getEpochSecond();
        Path log = settings.workDir().resolve("contrail-dashboard.log");
        // The suite's traffic: a day behind the clock (ADR 0024 accepts up to 7 days), the same seed.
        var traffic = new TrafficGenerator(TrafficSettings.of(settings.seed(), TrafficSettings.startBehind(Instant.now())).withAircraft(settings.aircraft()));
        List<DashboardReport.Visit> visits = new ArrayList<>();
        double offered;
        try (var app = ContrailProcess.start(appJar, settings.appJvmArgs(), List.of("--contrail.kafka.application-id-prefix=" + prefix),
                bootstrap, jdbcUrl, user, log)) {
            Duration startup = app.awaitHealthy(Duration.ofMinutes(3));
            Log.info("Contrail (pid %d) healthy after %.1f s; log: %s", app.pid(), startup.toMillis() / 1000.0, log);
            try (var load = new LoadProducer(bootstrap, traffic);
                 var axon = new AxonEventProcessors(jdbcUrl, user);
                 var lag = new LagMonitor(bootstrap, prefix + "-", LAG_SAMPLE_INTERVAL, load::speed, load::produced).alsoWatch(axon).start()) {
                long warmUpStart = System.nanoTime();
                load.burstUntil(traffic.settings().everyAircraftSeenBy());
                Thread.sleep(5_000);
                if (lag.awaitCaughtUp(LAG_BOUND, Duration.ofMinutes(3))) {
                    Log.info("Warm-up: every consumer group caught up with the first %,d vectors (every aircraft in coverage) after %.1f s",
                            load.produced(), (System.nanoTime() - warmUpStart) / 1e9);
                } else {
                    problems.add("warm-up: the consumer groups had not caught up 3 min after every aircraft came into coverage; the visits start from a backlog");
                }
                offered = load.vectorsPerSecondAt(settings.speed());
                load.setSpeed(settings.speed());
                Log.info("Live load: %,.0f state vectors/s", offered);
                noteLoadAverage("when the first browser starts");
                for (int run = 1; run <= settings.runs(); run++) {
                    long producedBefore = load.produced();
                    long visitStart = System.nanoTime();
                    try {
                        var visit = browser.visit(app.uri("/#" + settings.view()), settings.aircraft(), settings.pan(),
                                settings.workDir().resolve("dashboard-visit-" + run + ".png"));
                        double rate = (load.produced() - producedBefore) / ((System.nanoTime() - visitStart) / 1e9);
                        LagMonitor.Sample sample = lag.latest();
                        double behind = sample == null ? Double.NaN : sample.maxSecondsBehind();
                        visits.add(new DashboardReport.Visit(visit, rate, behind));
                        int number = run;
                        visit.problems().forEach(p -> problems.add("visit " + number + ": " + p));
                        Log.info("Visit %d: first aircraft %.0f ms, 95 %% drawn %.0f ms, %,d drawn of %,d known, %.1f frames/s (%d in %.2f s), draw %.1f ms, "
                                        + "browser %.2f cores, machine %.2f cores; %,.0f vectors/s; Contrail %.1f s behind",
                                run, visit.firstAircraftMs(), visit.mostDrawnMs(), visit.drawn(), visit.known(), visit.framesPerSecond(),
                                visit.frames(), visit.panSeconds(), visit.drawMs(), visit.browserCores(), visit.machineCores(), rate, behind);
                    } catch (Exception e) {
                        problems.add("visit " + run + " failed: " + e);
                        Log.info("Visit %d failed: %s", run, e);
                    }
                }
                load.setSpeed(0);
                if (load.failed() > 0) {
                    problems.add(load.failed() + " state vectors could not be sent to Kafka");
                }
            }
            noteLoadAverage("at the end");
            if (!app.isAlive()) {
                problems.add("Contrail's process had exited by the end of the run; see " + log);
            }
        }
        var report = new DashboardReport(started, machine.describe(), appUnderTest, browserVersion, settings, settings.view(), offered,
                visits, loadAverages, Duration.ofNanos(System.nanoTime() - runStart), problems);
        Log.info("%n%s", report.markdown());
        return report.write(settings.resultsDir());
    }

    private String browserVersion() {
        try {
            Process process = new ProcessBuilder(settings.chromium().toString(), "--version").redirectErrorStream(false).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return out.isEmpty() ? settings.chromium().toString() : out;
        } catch (Exception e) {
            return settings.chromium().toString();
        }
    }

    private void noteLoadAverage(String when) {
        String[] value = DashboardReport.loadAverage(when);
        loadAverages.add(value);
        Log.info("Load average (1, 5, 15 min) %s: %s", value[0], value[1]);
    }
}
