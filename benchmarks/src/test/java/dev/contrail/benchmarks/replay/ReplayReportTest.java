package dev.contrail.benchmarks.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.benchmarks.replay.ReplayReport.LoadAverage;
import dev.contrail.benchmarks.replay.ReplayReport.PlainRead;
import dev.contrail.benchmarks.replay.ReplayReport.Rebuild;
import dev.contrail.benchmarks.replay.ReplayReport.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReportTest {

    private static final ReplaySettings SETTINGS = new ReplaySettings(1_000_000, 10_000, 7, 3, 3, true, Path.of("contrail-api.jar"),
            List.of(), Path.of("results"), Path.of("work"), Duration.ofMinutes(15), Duration.ofSeconds(3), Duration.ofMinutes(10), "secret");

    @Test
    void rebuildRateIsTheRecordsOverMutationToSwitchOverAndOnlyForARebuildThatTookOver() {
        var served = new Rebuild("live-flights", 1, 2, "SERVING", 1_200_000, 60_000_000_000L, 25_000, 20_000, 1.9, 0.3, null);
        assertThat(served.perSecond()).isEqualTo(20_000.0);
        var failed = new Rebuild("live-flights", 2, 3, "FAILED", 1_200_000, 10_000_000_000L, 25_000, 20_000, 1.9, 0.3, "boom");
        assertThat(failed.perSecond()).isNaN();
        assertThat(new PlainRead(900_000, 300_000, 2_000_000_000L).perSecond()).isEqualTo(600_000.0);
    }

    @Test
    void figureFourComparesEachProjectionsMedianRebuildWithThePlainConsumerOfTheSameRun() {
        String md = report(List.of(
                new Rebuild("live-flights", 1, 2, "SERVING", 1_200_000, 60_000_000_000L, 25_000, 20_000, 1.9, 0.3, null),
                new Rebuild("live-flights", 2, 3, "SERVING", 1_200_000, 40_000_000_000L, 35_000, 30_000, 1.8, 0.2, null),
                new Rebuild("live-flights", 3, 4, "SERVING", 1_200_000, 48_000_000_000L, 30_000, 25_000, 1.9, 0.1, null),
                new Rebuild("flight-tracks", 1, 2, "FAILED", 1_000_000, 5_000_000_000L, Double.NaN, Double.NaN, 1.0, 0.0, "disk | full")))
                .markdown();
        assertThat(md)
                .contains("- **Date:** 2026-11-26T21:30:00Z")
                .contains("- **Volume:** 1,000,000 raw state vectors (10,000 aircraft, seed 7, 500 s of simulated traffic")
                .contains("→ 950,000 observations + 250,000 events = 1,200,000 records")
                .contains("load average (1, 5, 15 min): at start 1.00 / 2.00 / 3.00; at the end 4.00 / 5.00 / 6.00")
                .contains("had processed everything 300.0 s after the first vector")
                .contains("wall time of the whole run 12 min 05 s")
                .contains("| live-flights | observations + events | 1,200,000 | 25,000 [20,000–30,000] | 600,000 [400,000–1,200,000] | 4.2 % | missed |")
                .contains("| flight-tracks | observations | 1,000,000 | no rebuild took over | 600,000 [400,000–1,200,000] | – | – |")
                .contains("| live-flights | 2 | 3 | SERVING | 1,200,000 | 40.0 s | 30,000 | 35,000 / 30,000 | 1.80 / 0.20 |")
                .contains("| flight-tracks | 1 | 2 | FAILED: disk / full | 1,000,000 | 5.0 s | – | – | 1.00 / 0.00 |")
                .contains("| 1 | 950,000 | 250,000 | 1,200,000 | 2.00 s | 600,000 |")
                .contains("This machine has 2 cores, shared by the application under test")
                .contains("## Problems\n\n- something\n");
    }

    @Test
    void aRebuildAtLeastHalfAsFastAsThePlainConsumerMeetsTheTarget() {
        String md = report(List.of(new Rebuild("live-flights", 1, 2, "SERVING", 1_200_000, 2_000_000_000L, 1, 1, 1, 0, null)))
                .markdown();
        assertThat(md).contains("| 600,000 [400,000–1,200,000] | 100.0 % | met |").doesNotContain("flight-tracks | observations");
    }

    @Test
    void writesADatedCopyAndTheLatest(@TempDir Path dir) throws Exception {
        var report = report(List.of());
        Path dated = report.write(dir);
        assertThat(dated.getFileName().toString()).isEqualTo("replay-2026-11-26T2130Z.md");
        assertThat(Files.readString(dir.resolve("replay-latest.md"))).isEqualTo(Files.readString(dated)).isEqualTo(report.markdown());
    }

    private static ReplayReport report(List<Rebuild> rebuilds) {
        return new ReplayReport(Instant.parse("2026-11-26T21:30:00.123Z"), "2 cores (cpu)", "`contrail-api.jar`", SETTINGS,
                new Volume(1_000_000, 950_000, 250_000), Duration.ofSeconds(4), Duration.ofSeconds(300), true,
                List.of(new PlainRead(950_000, 250_000, 2_000_000_000L), new PlainRead(950_000, 250_000, 3_000_000_000L),
                        new PlainRead(950_000, 250_000, 1_000_000_000L)),
                rebuilds, List.of(new LoadAverage("at start", "1.00 / 2.00 / 3.00"), new LoadAverage("at the end", "4.00 / 5.00 / 6.00")),
                Duration.ofSeconds(725), List.of("something"));
    }
}
