package dev.contrail.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardReportTest {

    private static final DashboardBenchmark.Settings SETTINGS = new DashboardBenchmark.Settings(3, 10_000, 7, 1, "20,0,2",
            Duration.ofSeconds(3), Path.of("contrail-api.jar"), List.of(), Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromedriver"),
            Path.of("results"), Path.of("work"));

    private static DashboardReport.Visit visit(double firstMs, int drawn, int frames, double drawMs) {
        return new DashboardReport.Visit(new DashboardBrowser.Visit(firstMs, firstMs + 1000, drawn, drawn, frames, 3.0, drawMs, 0.9, 1.95,
                List.of()), 1_990, 0.4);
    }

    private static DashboardReport report(List<DashboardReport.Visit> visits, List<String> problems) {
        return new DashboardReport(Instant.parse("2026-12-07T11:30:00Z"), "2 cores", "`contrail-api.jar`", "Chromium 156", SETTINGS,
                "20,0,2", 2_000, visits, List.of(new String[] {"at start", "1.00 / 2.00 / 3.00"}, new String[] {"at the end", "4.00 / 5.00 / 6.00"}),
                Duration.ofSeconds(125), problems);
    }

    @Test
    void eachVisitIsARowAndTheHeadlineFiguresAreTheirMedians() {
        String md = report(List.of(visit(2400, 9_990, 30, 12.5), visit(1800, 9_995, 45, 10.0), visit(3100, 9_980, 24, 15.0)), List.of())
                .markdown();
        assertThat(md)
                .contains("- **Date:** 2026-12-07T11:30:00Z")
                .contains("2,000 state vectors/s (1× real time")
                .contains("- **Load average (1 / 5 / 15 min):** at start 1.00 / 2.00 / 3.00; at the end 4.00 / 5.00 / 6.00")
                .contains("| 1 | 2,400 | 3,400 | 9,990 (9,990) | 10.0 (30 frames in 3.00 s) | 12.5 | 0.90 | 1.95 | 1,990 | 0.4 |")
                .contains("| **median** | **2,400** | 3,400 | **9,990** | **10.0** | 12.5 | 0.90 | 1.95 | | |")
                .doesNotContain("## Problems");
    }

    @Test
    void aFailedVisitLeavesTheOthersMediansAndIsNamedUnderProblems(@TempDir Path results) throws Exception {
        var report = report(List.of(visit(2000, 10_000, 60, 8.0), visit(Double.NaN, 0, 0, Double.NaN)), List.of("visit 3 failed: boom"));
        assertThat(report.median(DashboardBrowser.Visit::firstAircraftMs)).isEqualTo(2000.0);
        assertThat(report.median(DashboardBrowser.Visit::drawn)).isEqualTo(5_000.0);
        assertThat(report.markdown()).contains("| 2 | – | – | 0 (0) | 0.0 (0 frames in 3.00 s) | – |").contains("## Problems\n\n- visit 3 failed: boom\n");
        Path dated = report.write(results);
        assertThat(dated.getFileName().toString()).isEqualTo("dashboard-2026-12-07T1130Z.md");
        assertThat(Files.readString(results.resolve("dashboard-latest.md"))).isEqualTo(report.markdown());
    }
}
