package dev.contrail.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrail.benchmarks.micro.MicroBenchmarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {

    private static final SuiteSettings SETTINGS = new SuiteSettings(2, 10_000, 1, false, Path.of("contrail-api.jar"), List.of(),
            Path.of("results"), Path.of("work"), List.of(0.5, 1.0), Duration.ofSeconds(10), Duration.ofSeconds(3),
            Duration.ofSeconds(90), Duration.ofSeconds(60), 4, 0, Duration.ofSeconds(15), 1_000, 1, Duration.ofSeconds(20), 4, 6,
            1_000, 3);
    private static final MachineInfo MACHINE = new MachineInfo(2, 24L << 30, "cpu", "Linux", "17");

    @Test
    void everyFigureGetsARowWithItsRawLimitAndRatioOrSaysWhyNot() {
        String md = report(List.of(run(1, 2_000, null), run(2, 1_400, null))).markdown();
        assertThat(md)
                .contains("- **Date:** 2026-11-26T19:00:00Z")
                .contains("- **Machine:** 2 cores (cpu), 24.0 GiB memory, Linux, Java 17")
                .contains("| 1 | Sustained ingest")
                .contains("1,700 [1,400–2,000]")
                .contains("at 1× (2,800/s)")
                .contains("50 [50–50] / 400 [400–400] / 900 [900–900]")
                .contains("0.85 % of Kafka")
                // Half a core of Contrail and a core of the machine per 1,000 vectors/s, at the rung that held.
                .contains("| 1 | CPU per 1,000 state vectors/s at the highest rung that held")
                .contains("0.50 [0.50–0.50] / 1.00 [1.00–1.00] (Contrail 0.85 [0.70–1.00] cores)")
                .contains("| 2 | Subscriber latency")
                .contains("| 3 | `flights(within: 4°×6°, first: 100)`")
                .contains("| 4 | Rebuild rate of a projection vs a plain consumer of the same topic | measured by its own command")
                .contains("| 5 | Peak RSS")
                .contains("| 5 | GC pause time")
                .contains("## Lag over time (run 2, the median run of figure 1)");
    }

    @Test
    void aFigureThatNoRunMeasuredSaysWhy(@TempDir Path dir) throws Exception {
        RunResult failed = new RunResult(1, "contrail-run1", Duration.ofSeconds(20), null, null, null, null, -1, Double.NaN, -1,
                Double.NaN, 60, null, List.of(), List.of(), List.of("figure 2: no WebSocket connection could be opened"));
        var report = report(List.of(failed, RunResult.failed(2, "contrail-run2", "Contrail was not healthy within PT3M")));
        assertThat(report.markdown())
                .contains("| 1 | Sustained ingest | not measured: no run completed the ladder")
                .contains("Run 2: the run did not complete: Contrail was not healthy within PT3M")
                .contains("| 2 | did not complete (see Problems) |")
                .contains("not measured: figure 2: no WebSocket connection could be opened")
                .contains("| 3 | `flights(within:)` | not measured: no samples")
                .contains("## Problems");
        Path latest = report.write(dir.resolve("results"), dir.resolve("work"));
        assertThat(latest).hasFileName("latest.md");
        try (var files = Files.list(dir.resolve("results"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("latest.md", "2026-11-26T1900Z.md");
        }
    }

    private static ResultsReport report(List<RunResult> runs) {
        var samples = new Stats.Samples();
        samples.add(5_000_000);
        samples.add(20_000_000);
        var raw = new BenchmarkSuite.RawLimits(1_000, 154, List.of(new KafkaRawLimits.Pipe(200_000, 210_000, 1_000_000)), samples, 2_000,
                List.of(300_000.0), new PostgresRawLimits.Queries(20_000, 100_000, 1_000_000, 2_000_000, 26));
        return new ResultsReport(SETTINGS, MACHINE, Instant.parse("2026-11-26T19:00:00Z"), Duration.ofMinutes(12), raw, runs,
                List.of(new MicroBenchmarks.Score("TrafficGeneratorBenchmark.nextStateVector", "thrpt", 1e6, 1e4, "ops/s")), null,
                "282,000,000 bytes, built 2026-11-26T18:00:00Z");
    }

    private static RunResult run(int number, double sustained, String problem) {
        var held = IngestLadder.judge(0.5, sustained, sustained, IngestLadderTest.samples("contrail-run" + number + "-refinement",
                t -> 0), Duration.ofSeconds(3)).withCpu(sustained / 1_000 * 0.5, sustained / 1_000);
        var failed = IngestLadder.judge(1, 2 * sustained, 2 * sustained, IngestLadderTest.samples("contrail-run" + number + "-intake",
                t -> 9), Duration.ofSeconds(3));
        var sample = new LagMonitor.Sample(0, 1, 0, Map.of("contrail-run" + number + "-refinement", new LagMonitor.GroupLag(0, 0, 10)));
        var later = new LagMonitor.Sample(6_000_000_000L, 1, 12_000, Map.of("contrail-run" + number + "-refinement", new LagMonitor.GroupLag(5, 0.5, 10)));
        return new RunResult(number, "contrail-run" + number, Duration.ofSeconds(20), Duration.ofSeconds(30),
                new FlightsQueryLoad.Result(4, 1_000, 0, 100, 30_000_000, 90_000_000, 120_000_000, 25),
                new SubscriptionLoad.Result(1_000, 1_000, 0, 2_000, 20_000, 1_000, 10_000, 50_000_000, 400_000_000, 900_000_000, 1.0),
                new IngestLadder.Result(List.of(held, failed)), 900L << 20, 1.2, 20, 100, 200, new CpuAccounting.Usage(1.8, 1.7, 0.1),
                List.of("contrail-run" + number + "-refinement"), List.of(sample, later), problem == null ? List.of() : List.of(problem));
    }
}
