package dev.contrail.benchmarks.endtoend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The dashboard benchmark's Markdown: {@code results/dashboard-latest.md} and a dated copy. */
record DashboardReport(Instant started, String machine, String appUnderTest, String browser, DashboardBenchmark.Settings settings,
                       String view, double offeredPerSecond, List<Visit> visits, List<String[]> loadAverages, Duration wallTime,
                       List<String> problems) {

    /** A visit with the load Contrail was under meanwhile. */
    record Visit(DashboardBrowser.Visit browser, double vectorsPerSecond, double secondsBehindAtEnd) {
    }

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    Path write(Path resultsDir) throws IOException {
        Files.createDirectories(resultsDir);
        String md = markdown();
        Path dated = resultsDir.resolve("dashboard-" + FILE_DATE.format(started) + ".md");
        Files.writeString(dated, md);
        Files.writeString(resultsDir.resolve("dashboard-latest.md"), md);
        return dated;
    }

    String markdown() {
        var md = new StringBuilder();
        md.append("# Contrail dashboard in headless Chromium, ").append(String.format(Locale.ROOT, "%,d", settings.aircraft()))
                .append(" aircraft from the benchmark generator\n\n");
        md.append("- **Date:** ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(ChronoUnit.SECONDS))).append('\n');
        md.append("- **Machine:** ").append(machine).append('\n');
        md.append("- **Browser:** ").append(browser).append(", window 1366×860, software rendering (`--disable-gpu`)\n");
        md.append("- **Contrail:** ").append(appUnderTest).append('\n');
        md.append("- **Load:** the generator's ").append(String.format(Locale.ROOT, "%,d", settings.aircraft()))
                .append(" aircraft (seed ").append(settings.seed()).append("), every one in coverage first (warm-up, until every consumer group caught up), then ")
                .append(String.format(Locale.ROOT, "%,.0f state vectors/s (%s× real time, the suite's live-map rate of figure 2)", offeredPerSecond, fmt(settings.speed())))
                .append(" into `opensky.state-vectors` throughout the visits\n");
        md.append("- **View:** `/#").append(view).append("` (latitude, longitude, zoom: the whole world, where the generator's aircraft fly between real airports); "
                + "the page loads them with `flights(within:)` in pages of 1,000 and follows them with `flightUpdates(within:)`\n");
        md.append("- **Load average (1 / 5 / 15 min):** ");
        md.append(String.join("; ", loadAverages.stream().map(l -> l[0] + " " + l[1]).toList())).append('\n');
        md.append("- **Wall time:** ").append(wallTime.toSeconds()).append(" s\n\n");

        md.append("| visit | first aircraft on screen, ms after navigation start | 95 % drawn, ms (polled) | aircraft drawn (of known) | frames / s while panning | one draw, ms (median of 21) | browser CPU, cores | machine CPU, cores | vectors/s offered | Contrail behind at end, s |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (int i = 0; i < visits.size(); i++) {
            Visit v = visits.get(i);
            DashboardBrowser.Visit b = v.browser();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %,d (%,d) | %s (%d frames in %.2f s) | %s | %s | %s | %,.0f | %s |\n", i + 1,
                    fmt0(b.firstAircraftMs()), fmt0(b.mostDrawnMs()), b.drawn(), b.known(), fmt1(b.framesPerSecond()), b.frames(),
                    b.panSeconds(), fmt1(b.drawMs()), fmt2(b.browserCores()), fmt2(b.machineCores()), v.vectorsPerSecond(),
                    fmt1(v.secondsBehindAtEnd())));
        }
        if (!visits.isEmpty()) {
            md.append(String.format(Locale.ROOT, "| **median** | **%s** | %s | **%s** | **%s** | %s | %s | %s | | |\n",
                    fmt0(median(b -> b.firstAircraftMs())), fmt0(median(b -> b.mostDrawnMs())), fmt0(median(b -> b.drawn())),
                    fmt1(median(DashboardBrowser.Visit::framesPerSecond)), fmt1(median(DashboardBrowser.Visit::drawMs)),
                    fmt2(median(DashboardBrowser.Visit::browserCores)), fmt2(median(DashboardBrowser.Visit::machineCores))));
        }
        md.append("\n- Each visit is a fresh headless Chromium on the same running Contrail. *First aircraft*: the page's own "
                + "`document.body.dataset.firstAircraftMs` (`performance.now()` of the first frame that drew one, i.e. from the navigation's start). "
                + "*95 % drawn*: when `#aircraft`'s `data-drawn` first reached 95 % of the fleet, polled every 100 ms over WebDriver. "
                + "*Frames / s*: the aircraft canvas's redraws while the map pans 3 px every animation frame for ")
                .append(settings.pan().toSeconds()).append(" s (as DashboardIT, and as Leaflet's drag handler does on mouse moves), "
                        + "with the live updates arriving meanwhile. *CPU*: chromedriver and every chromium process; the machine from `/proc/stat`, over the pan.\n");
        md.append("- The machine also runs the embedded Kafka broker and PostgreSQL, Contrail processing the live load, and whatever else was running "
                + "(see the load average): the browser gets what is left of the cores.\n");
        if (!problems.isEmpty()) {
            md.append("\n## Problems\n\n");
            problems.forEach(p -> md.append("- ").append(p).append('\n'));
        }
        return md.toString();
    }

    double median(ToDoubleFunction<DashboardBrowser.Visit> figure) {
        double[] values = visits.stream().mapToDouble(v -> figure.applyAsDouble(v.browser())).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String fmt0(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String fmt1(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String fmt2(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String[] loadAverage(String when) {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new String[] {when, String.join(" / ", Arrays.copyOf(fields, 3))};
        } catch (IOException | RuntimeException e) {
            return new String[] {when, "unknown"};
        }
    }
}
