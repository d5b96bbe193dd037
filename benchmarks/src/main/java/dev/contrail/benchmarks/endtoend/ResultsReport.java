package dev.contrail.benchmarks.endtoend;

import dev.contrail.benchmarks.micro.MicroBenchmarks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Writes the suite's results as Markdown: the figures table (each figure with its raw limit from the same run and
 * the ratio), then the details behind it. {@code latest.md} is overwritten; a copy named after the date is kept.
 */
final class ResultsReport {

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final double MIB = 1024.0 * 1024;

    private final SuiteSettings settings;
    private final MachineInfo machine;
    private final Instant started;
    private final Duration wallTime;
    private final BenchmarkSuite.RawLimits raw;
    private final List<RunResult> runs;
    private final List<MicroBenchmarks.Score> micro;
    private final String microProblem;
    private final String appUnderTest;

    ResultsReport(SuiteSettings settings, MachineInfo machine, Instant started, Duration wallTime, BenchmarkSuite.RawLimits raw,
                  List<RunResult> runs, List<MicroBenchmarks.Score> micro, String microProblem, String appUnderTest) {
        this.settings = settings;
        this.machine = machine;
        this.started = started;
        this.wallTime = wallTime;
        this.raw = raw;
        this.runs = runs;
        this.micro = micro;
        this.microProblem = microProblem;
        this.appUnderTest = appUnderTest;
    }

    /** Writes latest.md and its dated copy, and the lag samples as CSV next to them; returns latest.md. */
    Path write(Path resultsDir, Path workDir) throws IOException {
        Files.createDirectories(resultsDir);
        Files.createDirectories(workDir);
        Path latest = resultsDir.resolve("latest.md");
        Files.writeString(latest, markdown());
        Files.copy(latest, resultsDir.resolve(FILE_DATE.format(started) + ".md"), StandardCopyOption.REPLACE_EXISTING);
        Path csv = workDir.resolve("lag-samples-" + FILE_DATE.format(started) + ".csv");
        Files.writeString(csv, lagCsv());
        return latest;
    }

    String markdown() {
        var md = new StringBuilder();
        md.append("# Contrail benchmark results\n\n");
        md.append("- **Date:** ").append(DateTimeFormatter.ISO_INSTANT.format(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).append('\n');
        md.append("- **Machine:** ").append(machine.describe()).append('\n');
        md.append("- **Contrail:** `").append(settings.appJar().getFileName()).append("` (").append(appUnderTest).append("), its own JVM, options: ")
                .append(settings.appJvmArgs().isEmpty() ? "none (the JVM's defaults, as `java -jar`)" : "`" + String.join(" ", settings.appJvmArgs()) + "`")
                .append("; embedded Kafka (KRaft, in the driver's JVM) and embedded PostgreSQL, over 127.0.0.1\n");
        md.append("- **Load:** %,d simulated aircraft (seed %d), each reporting every 5 s of simulated time: %,.0f state vectors/s at 1×\n"
                .formatted(settings.aircraft(), settings.seed(), settings.aircraft() / 5.0));
        md.append("- **Runs:** %d; a figure is the median over the runs [min–max]. Suite wall time: %s\n"
                .formatted(runs.size(), minutesSeconds(wallTime)));
        List<RunResult> withCpu = runs.stream().filter(run -> run.cpu() != null && !Double.isNaN(run.cpu().machineCores())).toList();
        if (!withCpu.isEmpty()) {
            Stats.Spread others = spreadOf(withCpu, run -> run.cpu().otherCores());
            md.append("- **Machine load during the runs:** %s cores busy on average, of which this suite (driver with the broker, Contrail, PostgreSQL) %s and other processes %s%s\n"
                    .formatted(format(spreadOf(withCpu, run -> run.cpu().machineCores()), "%.2f"),
                            format(spreadOf(withCpu, run -> run.cpu().suiteCores()), "%.2f"),
                            format(others, "%.2f"),
                            others.max() > 0.25
                                    ? " — **the machine was shared: other processes took up to %.2f cores during a run, and that run's figures understate what Contrail does on a machine of its own**".formatted(others.max())
                                    : ""));
        }
        md.append('\n');

        md.append("## Figures\n\n");
        md.append("| # | figure | median [min–max] | raw limit, same run | ratio |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        figure1(md);
        figure2(md);
        figure3(md);
        md.append("| 4 | Rebuild rate of a projection vs a plain consumer of the same topic | measured by its own command, which needs "
                + "millions of records on the projections' topics first: `./mvnw -B -pl benchmarks -am verify -Preplay -DskipTests` → "
                + "[replay-latest.md](replay-latest.md) | plain consumer of the raw records: %s records/s | – |\n".formatted(spread(raw.kafka(), KafkaRawLimits.Pipe::consumeOnlyRecordsPerSecond, "%,.0f")));
        figure5(md);
        md.append('\n');

        problems(md);
        perRun(md);
        rawLimits(md);
        ladders(md);
        lagOverTime(md);
        microBenchmarks(md);
        method(md);
        return md.toString();
    }

    private void figure1(StringBuilder md) {
        List<IngestLadder.Result> ladders = present(RunResult::ingest);
        if (ladders.isEmpty()) {
            md.append("| 1 | Sustained ingest | not measured: no run completed the ladder (see Problems) | | |\n");
            return;
        }
        List<Double> sustained = ladders.stream().map(IngestLadder.Result::sustainedPerSecond).toList();
        Stats.Spread spread = Stats.Spread.of(sustained);
        double kafka = Stats.Spread.of(raw.kafka().stream().map(KafkaRawLimits.Pipe::pipeRecordsPerSecond).toList()).median();
        double copy = Stats.Spread.of(raw.copyRowsPerSecond()).median();
        md.append("| 1 | Sustained ingest: the highest rate at which every Contrail consumer group stayed within %d s of the end of its topics "
                .formatted(settings.lagBound().toSeconds()))
                .append("and did not fall further behind (raw topic → read models), state vectors/s | ")
                .append(format(spread, "%,.0f")).append(" | Kafka producer→consumer %,.0f records/s; PostgreSQL COPY %,.0f rows/s | "
                        .formatted(kafka, copy))
                .append("%s of Kafka; %s of COPY |\n".formatted(percent(spread.median() / kafka), percent(spread.median() / copy)));
        List<String> limits = new ArrayList<>();
        for (RunResult run : runs) {
            if (run.ingest() == null) {
                continue;
            }
            IngestLadder.Step failure = run.ingest().firstFailure();
            limits.add("run %d: %s".formatted(run.run(), failure == null
                    ? "held up to the top of the ladder (%s×)".formatted(trim(run.ingest().steps().get(run.ingest().steps().size() - 1).speed()))
                    : "at %s× (%,.0f/s): %s".formatted(trim(failure.speed()), failure.producedPerSecond(), failure.verdict())));
        }
        md.append("| 1 | What stopped the ladder | ").append(String.join("<br>", limits)).append(" | | |\n");
        List<IngestLadder.Step> highest = ladders.stream().map(IngestLadder.Result::highestHeld)
                .filter(step -> step != null && !Double.isNaN(step.contrailCores())).toList();
        if (!highest.isEmpty()) {
            Stats.Spread contrail = Stats.Spread.of(highest.stream().map(IngestLadder.Step::contrailCoreSecondsPerThousand).toList());
            Stats.Spread wholeMachine = Stats.Spread.of(highest.stream().map(IngestLadder.Step::machineCoreSecondsPerThousand).toList());
            Stats.Spread contrailCores = Stats.Spread.of(highest.stream().map(IngestLadder.Step::contrailCores).toList());
            md.append("| 1 | CPU per 1,000 state vectors/s at the highest rung that held (last two thirds of the rung), core-seconds: Contrail's process / the whole machine (broker, load generator and PostgreSQL included) | ")
                    .append(format(contrail, "%.2f")).append(" / ").append(format(wholeMachine, "%.2f"))
                    .append(" (Contrail %s cores) | %d cores | – |\n".formatted(format(contrailCores, "%.2f"), machine.cores()));
        }
    }

    private void figure2(StringBuilder md) {
        List<SubscriptionLoad.Result> results = present(RunResult::subscriptions).stream().filter(r -> r.samples() > 0).toList();
        String latencyRaw = "Kafka, one hop, at %,.0f records/s: p50 %s, p99 %s".formatted(raw.kafkaLatencyRate(),
                millis(raw.kafkaLatency().percentile(50)), millis(raw.kafkaLatency().percentile(99)));
        if (results.isEmpty()) {
            md.append("| 2 | Subscriber latency at %,.0f state vectors/s with %,d WebSocket subscriptions | not measured: %s | %s | – |\n"
                    .formatted(settings.aircraft() / 5.0, settings.subscriptions(), reasonFor("figure 2"), latencyRaw));
            return;
        }
        Stats.Spread p50 = spreadOf(results, r -> r.p50Nanos() / 1e6);
        Stats.Spread p99 = spreadOf(results, r -> r.p99Nanos() / 1e6);
        Stats.Spread max = spreadOf(results, r -> r.maxNanos() / 1e6);
        Stats.Spread updates = spreadOf(results, SubscriptionLoad.Result::updatesPerSecond);
        Stats.Spread offered = spreadOf(results, SubscriptionLoad.Result::offeredPerSecond);
        Stats.Spread behind = spreadOf(results, SubscriptionLoad.Result::behindAtEndSeconds);
        md.append("| 2 | Subscriber latency (raw topic → WebSocket), %,.0f state vectors/s for %d s, %,d subscriptions of a %s°×%s° area each: p50 / p99 / max, ms | "
                        .formatted(settings.aircraft() / 5.0 * settings.subscriptionSpeed(), settings.subscriptionDuration().toSeconds(),
                                settings.subscriptions(), trim(settings.boxHeightDeg()), trim(settings.boxWidthDeg())))
                .append(format(p50, msFormat(p50))).append(" / ").append(format(p99, msFormat(p99))).append(" / ").append(format(max, msFormat(max)))
                .append(" (").append(format(updates, "%,.0f")).append(" updates/s delivered; ").append(format(offered, "%,.0f"))
                .append(" vectors/s offered; the slowest consumer was ").append(format(behind, "%,.1f"))
                .append(" s behind when the load stopped") .append(behind.median() > settings.lagBound().toSeconds()
                        ? ": Contrail did not keep up, so these latencies include a growing backlog)" : ")")
                .append(" | ").append(latencyRaw).append(" | ")
                .append("p50 ×%,.0f, p99 ×%,.0f |\n".formatted(p50.median() * 1e6 / raw.kafkaLatency().percentile(50),
                        p99.median() * 1e6 / raw.kafkaLatency().percentile(99)));
    }

    private void figure3(StringBuilder md) {
        List<FlightsQueryLoad.Result> results = present(RunResult::queries);
        PostgresRawLimits.Queries sql = raw.queries();
        String rawText = "plain JDBC, same boxes, same SQL shape, btree (latitude, longitude), %d clients: %,.0f q/s, p50 %s, p99 %s"
                .formatted(settings.queryClients(), sql.queriesPerSecond(), millis(sql.p50Nanos()), millis(sql.p99Nanos()));
        if (results.isEmpty()) {
            md.append("| 3 | `flights(within:)` | not measured: %s | %s | – |\n".formatted(reasonFor("figure 3"), rawText));
            return;
        }
        Stats.Spread qps = spreadOf(results, FlightsQueryLoad.Result::queriesPerSecond);
        Stats.Spread p50 = spreadOf(results, r -> r.p50Nanos() / 1e6);
        Stats.Spread p99 = spreadOf(results, r -> r.p99Nanos() / 1e6);
        Stats.Spread edges = spreadOf(results, FlightsQueryLoad.Result::meanEdges);
        md.append("| 3 | `flights(within: %s°×%s°, first: 100)` over HTTP, %d concurrent clients, %,d live aircraft, %s: q/s; p50 / p99, ms | "
                        .formatted(trim(settings.boxHeightDeg()), trim(settings.boxWidthDeg()), settings.queryClients(), settings.aircraft(),
                                settings.queryLoadSpeed() == 0 ? "no ingest meanwhile" : "%,.0f state vectors/s ingested meanwhile"
                                        .formatted(settings.aircraft() / 5.0 * settings.queryLoadSpeed())))
                .append(format(qps, "%,.0f")).append(" q/s; ").append(format(p50, msFormat(p50))).append(" / ").append(format(p99, msFormat(p99)))
                .append(" (").append(format(edges, "%,.1f")).append(" aircraft per answer) | ").append(rawText).append(" | ")
                .append("%s of the q/s; p99 ×%,.0f |\n".formatted(percent(qps.median() / sql.queriesPerSecond()), p99.median() * 1e6 / sql.p99Nanos()));
    }

    private void figure5(StringBuilder md) {
        List<RunResult> withRss = runs.stream().filter(run -> run.peakRssBytes() > 0).toList();
        if (withRss.isEmpty()) {
            md.append("| 5 | Peak RSS of Contrail's process | not measured: /proc/<pid>/status unreadable | | |\n");
        } else {
            Stats.Spread rss = spreadOf(withRss, run -> run.peakRssBytes() / MIB);
            md.append("| 5 | Peak RSS of Contrail's process over the run (VmHWM), MiB | ").append(format(rss, "%,.0f"))
                    .append(" | machine memory %,.0f MiB | %s of memory |\n".formatted(machine.memoryBytes() / MIB, percent(rss.median() * MIB / machine.memoryBytes())));
        }
        List<RunResult> withGc = runs.stream().filter(run -> !Double.isNaN(run.gcPauseSeconds())).toList();
        if (withGc.isEmpty()) {
            md.append("| 5 | GC pause time of Contrail's process | not measured: /actuator/metrics/jvm.gc.pause unavailable | | |\n");
        } else {
            Stats.Spread gc = spreadOf(withGc, RunResult::gcPauseSeconds);
            Stats.Spread share = spreadOf(withGc, run -> run.gcPauseSeconds() / run.measuredSeconds());
            Stats.Spread count = spreadOf(withGc, run -> (double) run.gcPauses());
            Stats.Spread wall = spreadOf(withGc, RunResult::measuredSeconds);
            md.append("| 5 | GC pause time of Contrail's process (jvm.gc.pause total, from start to the end of figure 1), s | ")
                    .append(format(gc, "%,.2f")).append(" in ").append(format(count, "%,.0f")).append(" pauses | wall time of the run ")
                    .append(format(wall, "%,.0f")).append(" s | ").append(format(share.median() * 100, share.min() * 100, share.max() * 100, "%.2f")).append(" % of wall time |\n");
        }
        List<RunResult> withCpu = runs.stream().filter(run -> !Double.isNaN(run.appCpuSeconds()) && run.startup() != null).toList();
        if (!withCpu.isEmpty()) {
            Stats.Spread cores = spreadOf(withCpu, run -> run.appCpuSeconds() / (run.measuredSeconds() + run.startup().toMillis() / 1000.0));
            md.append("| 5 | CPU used by Contrail's process over the run (incl. start-up), cores | ").append(format(cores, "%.2f"))
                    .append(" | %d cores | %s of the machine |\n".formatted(machine.cores(), percent(cores.median() / machine.cores())));
        }
        List<RunResult> started = runs.stream().filter(run -> run.startup() != null).toList();
        if (!started.isEmpty()) {
            Stats.Spread startup = spreadOf(started, run -> run.startup().toMillis() / 1000.0);
            md.append("| – | Start-up: process start to /actuator/health UP, s | ").append(format(startup, "%.1f")).append(" | | |\n");
        }
    }

    private void problems(StringBuilder md) {
        List<String> all = new ArrayList<>();
        for (RunResult run : runs) {
            run.problems().forEach(problem -> all.add("Run " + run.run() + ": " + problem));
        }
        if (!all.isEmpty()) {
            md.append("## Problems\n\n");
            all.forEach(problem -> md.append("- ").append(problem).append('\n'));
            md.append('\n');
        }
    }

    private void perRun(StringBuilder md) {
        md.append("## Per run\n\n");
        md.append("| run | start-up | warm-up | fig. 1, vectors/s | fig. 2 p50 / p99, ms | fig. 3 q/s, p99 ms | peak RSS, MiB | GC pauses, s | Contrail CPU, cores | machine busy / other processes, cores |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (RunResult run : runs) {
            if (run.startup() == null) {
                md.append("| %d | did not complete (see Problems) | | | | | | | | |\n".formatted(run.run()));
                continue;
            }
            double seconds = run.measuredSeconds() + run.startup().toMillis() / 1000.0;
            md.append("| %d | %.1f s | %s | %s | %s | %s | %s | %s | %s | %s |\n".formatted(run.run(), run.startup().toMillis() / 1000.0,
                    run.warmUp() == null ? "did not converge" : "%.1f s".formatted(run.warmUp().toMillis() / 1000.0),
                    run.ingest() == null ? "–" : "%,.0f".formatted(run.ingest().sustainedPerSecond()),
                    run.subscriptions() == null || run.subscriptions().samples() == 0 ? "–"
                            : "%,.1f / %,.1f".formatted(run.subscriptions().p50Nanos() / 1e6, run.subscriptions().p99Nanos() / 1e6),
                    run.queries() == null ? "–" : "%,.0f, %,.1f".formatted(run.queries().queriesPerSecond(), run.queries().p99Nanos() / 1e6),
                    run.peakRssBytes() > 0 ? "%,.0f".formatted(run.peakRssBytes() / MIB) : "–",
                    Double.isNaN(run.gcPauseSeconds()) ? "–" : "%.2f".formatted(run.gcPauseSeconds()),
                    Double.isNaN(run.appCpuSeconds()) ? "–" : "%.2f".formatted(run.appCpuSeconds() / seconds),
                    run.cpu() == null ? "–" : "%.2f / %.2f".formatted(run.cpu().machineCores(), run.cpu().otherCores())));
        }
        md.append('\n');
    }

    private void rawLimits(StringBuilder md) {
        md.append("## Raw limits (measured in this run, no Contrail code)\n\n");
        md.append("%,d generated state vectors, %.0f bytes each on average (single-object-encoded Avro), keyed by icao24.\n\n"
                .formatted(raw.records(), raw.meanRecordBytes()));
        md.append("| limit | median [min–max] |\n| --- | --- |\n");
        md.append("| Kafka producer→consumer running together, fresh topic of 3 partitions, acks=all, lz4, linger 5 ms, batch 64 KiB: first send to last record consumed, records/s | ")
                .append(spread(raw.kafka(), KafkaRawLimits.Pipe::pipeRecordsPerSecond, "%,.0f")).append(" |\n");
        md.append("| Kafka producer alone (same pass: first send to flush), records/s | ")
                .append(spread(raw.kafka(), KafkaRawLimits.Pipe::produceRecordsPerSecond, "%,.0f")).append(" |\n");
        md.append("| Kafka consumer alone, same topic read again from the start, records/s | ")
                .append(spread(raw.kafka(), KafkaRawLimits.Pipe::consumeOnlyRecordsPerSecond, "%,.0f")).append(" |\n");
        md.append("| Kafka send→receive latency of single records at %,.0f records/s, one hop (%,d records) | p50 %s, p99 %s, max %s |\n"
                .formatted(raw.kafkaLatencyRate(), raw.kafkaLatency().size(), millis(raw.kafkaLatency().percentile(50)),
                        millis(raw.kafkaLatency().percentile(99)), millis(raw.kafkaLatency().max())));
        md.append("| PostgreSQL `COPY ... FROM STDIN` of the same rows into a logged table (CopyManager), rows/s | ")
                .append(format(Stats.Spread.of(raw.copyRowsPerSecond()), "%,.0f")).append(" |\n");
        PostgresRawLimits.Queries q = raw.queries();
        md.append("| PostgreSQL bounding-box query over one row per aircraft (%,d rows), btree (latitude, longitude), `ORDER BY icao24 LIMIT 101`, %d JDBC clients, 5 s | %,.0f q/s, p50 %s, p99 %s, max %s, %.1f rows per answer |\n\n"
                .formatted(settings.aircraft(), settings.queryClients(), q.queriesPerSecond(), millis(q.p50Nanos()), millis(q.p99Nanos()),
                        millis(q.maxNanos()), q.meanRows()));
    }

    private void ladders(StringBuilder md) {
        md.append("## Figure 1, rung by rung\n\n");
        md.append(("Each rung lasts %d s and is judged on its last two thirds. \"Behind\" is the worst consumer group's lag in seconds behind the "
                + "end of its topics, a third of the way into the rung → at its end. A group keeps up when it ends within %d s and is not falling "
                + "behind by %.1f s/s or more (least-squares slope).\n\n").formatted(settings.step().toSeconds(), settings.lagBound().toSeconds(),
                IngestLadder.MAX_SLOPE));
        md.append("| run | speed | offered/s | produced/s | behind (worst group) | Contrail / machine, cores | verdict |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        for (RunResult run : runs) {
            if (run.ingest() == null) {
                continue;
            }
            for (IngestLadder.Step step : run.ingest().steps()) {
                md.append("| %d | %s× | %,.0f | %,.0f | %.1f → %.1f s | %.2f / %.2f | %s |\n".formatted(run.run(), trim(step.speed()),
                        step.offeredPerSecond(), step.producedPerSecond(), worst(step.atMiddle()), worst(step.atEnd()), step.contrailCores(),
                        step.machineCores(), step.verdict()));
            }
        }
        md.append('\n');
    }

    private void lagOverTime(StringBuilder md) {
        RunResult median = medianRun();
        if (median == null || median.lagSamples().isEmpty()) {
            return;
        }
        List<LagMonitor.Sample> samples = median.lagSamples();
        TreeSet<String> groups = new TreeSet<>();
        samples.forEach(sample -> groups.addAll(sample.groups().keySet()));
        md.append("## Lag over time (run %d, the median run of figure 1)\n\n".formatted(median.run()));
        md.append("Every 5 s: the load offered then, and each consumer group's lag in seconds behind the end of its topics (records in brackets). ")
                .append("The full series (every 0.5 s, every run) is written to `").append(settings.workDir().getFileName()).append("/lag-samples-*.csv`.\n\n");
        md.append("| t, s | speed | produced/s |");
        groups.forEach(group -> md.append(' ').append(shortName(group, median.applicationIdPrefix())).append(" |"));
        md.append('\n').append("| --- | --- | --- |");
        groups.forEach(group -> md.append(" --- |"));
        md.append('\n');
        long t0 = samples.get(0).nanoTime();
        LagMonitor.Sample previous = null;
        long nextRow = 0;
        for (LagMonitor.Sample sample : samples) {
            long t = (sample.nanoTime() - t0) / 1_000_000_000L;
            if (previous != null && t >= nextRow) {
                double rate = (sample.produced() - previous.produced()) / ((sample.nanoTime() - previous.nanoTime()) / 1e9);
                md.append("| %d | %s× | %,.0f |".formatted(t, trim(sample.speed()), rate));
                for (String group : groups) {
                    LagMonitor.GroupLag lag = sample.groups().get(group);
                    md.append(lag == null ? " – |" : " %.1f (%,d) |".formatted(lag.secondsBehind(), lag.records()));
                }
                md.append('\n');
                nextRow = t + 5;
                previous = sample;
            } else if (previous == null) {
                previous = sample;
            }
        }
        md.append('\n');
    }

    private void microBenchmarks(StringBuilder md) {
        md.append("## Micro-benchmarks (JMH, 1 fork, 2 × 1 s warm-up, 3 × 1 s measurement)\n\n");
        if (micro.isEmpty()) {
            md.append("Not measured: ").append(microProblem).append("\n\n");
            return;
        }
        md.append("| benchmark | mode | score | ± (99.9 %) | unit |\n| --- | --- | --- | --- | --- |\n");
        for (MicroBenchmarks.Score score : micro) {
            md.append("| %s | %s | %,.1f | %,.1f | %s |\n".formatted(score.benchmark(), score.mode(), score.score(), score.error(), score.unit()));
        }
        md.append('\n');
    }

    private void method(StringBuilder md) {
        md.append("## How it was measured\n\n");
        md.append("- One JVM (the driver) runs the embedded Kafka broker, the load generator and every client; Contrail runs in a second JVM ")
                .append("and embedded PostgreSQL in its own processes. All share the machine's cores, as they would on a one-box deployment.\n");
        md.append("- Each run starts a fresh Contrail process on a fresh database, fresh topics and consumer groups of its own. Warm-up sends ")
                .append("the first 30 s of simulated traffic, in which every aircraft comes into coverage (a new flight each), as fast as it goes, ")
                .append("and waits until every consumer group has caught up. Then figure 3 (queries, ")
                .append(settings.queryLoadSpeed() == 0 ? "no ingest meanwhile" : "ingesting at %s×".formatted(trim(settings.queryLoadSpeed())))
                .append("), figure 2 (subscriptions at %s×) and, last because it pushes Contrail past what it can take, figure 1. ".formatted(trim(settings.subscriptionSpeed())))
                .append("Between figures the load stops until Contrail has caught up.\n");
        md.append("- Lag: committed offsets of every consumer group of the run (all of Contrail's Kafka Streams applications) against the end ")
                .append("offsets of their partitions, sampled every 0.5 s with the AdminClient; seconds behind = how long ago the end of the partition ")
                .append("passed the committed offset. Axon's tracking event processors (`axon:*`, among them the one that publishes events from the ")
                .append("event store to Kafka) are sampled alike, from their tokens in `token_entry` against `max(global_index)`.\n");
        md.append("- Figure 2 counts the first update per subscriber for each (icao24, lastSeen); the latency is its receive time minus the ")
                .append("send time of the state vector with that icao24 and last contact, both on the driver's clock. After the load stops, the ")
                .append("subscribers keep counting until Contrail has caught up (at most the drain timeout).\n");
        md.append("- Settings: `").append(settings).append("`\n");
    }

    private String lagCsv() {
        var csv = new StringBuilder("run,seconds,speed,produced,group,records_behind,seconds_behind\n");
        for (RunResult run : runs) {
            if (run.lagSamples().isEmpty()) {
                continue;
            }
            long t0 = run.lagSamples().get(0).nanoTime();
            for (LagMonitor.Sample sample : run.lagSamples()) {
                sample.groups().forEach((group, lag) -> csv.append("%d,%.1f,%s,%d,%s,%d,%.2f\n".formatted(run.run(),
                        (sample.nanoTime() - t0) / 1e9, trim(sample.speed()), sample.produced(), group, lag.records(), lag.secondsBehind())));
            }
        }
        return csv.toString();
    }

    /** The run whose figure 1 is the median (the lower middle one for an even count). */
    private RunResult medianRun() {
        List<RunResult> withLadder = runs.stream().filter(run -> run.ingest() != null)
                .sorted(Comparator.comparingDouble(run -> run.ingest().sustainedPerSecond())).toList();
        return withLadder.isEmpty() ? null : withLadder.get((withLadder.size() - 1) / 2);
    }

    private String reasonFor(String figure) {
        return runs.stream().flatMap(run -> run.problems().stream()).filter(problem -> problem.startsWith(figure)).findFirst()
                .orElse("no samples");
    }

    private <T> List<T> present(Function<RunResult, T> figure) {
        return runs.stream().map(figure).filter(Objects::nonNull).toList();
    }

    private static <T> Stats.Spread spreadOf(List<T> results, Function<T, Double> value) {
        return Stats.Spread.of(results.stream().map(value).toList());
    }

    private static <T> String spread(List<T> results, Function<T, Double> value, String format) {
        return format(spreadOf(results, value), format);
    }

    static String format(Stats.Spread spread, String format) {
        return format(spread.median(), spread.min(), spread.max(), format);
    }

    static String format(double median, double min, double max, String format) {
        return format.formatted(median) + " [" + format.formatted(min) + "–" + format.formatted(max) + "]";
    }

    /** Milliseconds to a sensible precision: 0.12, 1.2, 12, 1,234. */
    static String msFormat(Stats.Spread spread) {
        double ms = spread.median();
        return ms >= 10 ? "%,.0f" : ms >= 1 ? "%.1f" : "%.2f";
    }

    static String percent(double fraction) {
        double p = fraction * 100;
        return p >= 10 ? "%.0f %%".formatted(p) : p >= 1 ? "%.1f %%".formatted(p) : "%.2f %%".formatted(p);
    }

    static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 10 ? "%,.0f ms".formatted(ms) : ms >= 1 ? "%.1f ms".formatted(ms) : "%.2f ms".formatted(ms);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static double worst(java.util.Map<String, LagMonitor.GroupLag> groups) {
        return groups.values().stream().mapToDouble(LagMonitor.GroupLag::secondsBehind).max().orElse(0);
    }

    private static String shortName(String group, String prefix) {
        return group.startsWith(prefix + "-") ? group.substring(prefix.length() + 1) : group;
    }

    private static String minutesSeconds(Duration duration) {
        return "%d min %02d s".formatted(duration.toMinutes(), duration.toSecondsPart());
    }
}
