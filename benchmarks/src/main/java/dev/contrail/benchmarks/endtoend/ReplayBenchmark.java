package dev.contrail.benchmarks.endtoend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contrail.benchmarks.replay.PlainConsumer;
import dev.contrail.benchmarks.replay.ProjectionsClient;
import dev.contrail.benchmarks.replay.Rates;
import dev.contrail.benchmarks.replay.ReplayReport;
import dev.contrail.benchmarks.replay.ReplaySettings;
import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.benchmarks.traffic.TrafficSettings;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Figure 4: how fast Contrail rebuilds a read-model projection (ADR 0010) from a realistic volume, next to how fast a
 * plain Kafka consumer reads the same topics on the same run. One command (see benchmarks/README.md, "Replay").
 * <ol>
 *   <li>Embedded Kafka and PostgreSQL in this JVM; Contrail's Boot jar in a process of its own, on a fresh database,
 *       with consumer groups of its own and an admin password.</li>
 *   <li>The generator's state vectors into the raw topic as fast as Kafka takes them, up to {@code replay.vectors};
 *       then nothing until every consumer group (and Axon's publishing processor) has processed everything and the
 *       topics stay still: the projections' input ({@code flight-tracking.observations} and
 *       {@code flight-tracking.events}) is then complete.</li>
 *   <li>A plain consumer reads both topics from the beginning, several times.</li>
 *   <li>{@code replayProjection(name: "live-flights")} over HTTP, polling {@code projections} every 250 ms until the
 *       new generation took over (or failed); several times; then flight-tracks once.</li>
 *   <li>{@code results/replay-<date>.md} and {@code results/replay-latest.md}.</li>
 * </ol>
 */
public final class ReplayBenchmark {

    private static final String ADMIN_USER = "admin";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration LAG_SAMPLE_INTERVAL = Duration.ofMillis(500);

    private final ReplaySettings settings;
    private final List<String> problems = new ArrayList<>();
    private final List<ReplayReport.LoadAverage> loadAverages = new ArrayList<>();

    ReplayBenchmark(ReplaySettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        var settings = ReplaySettings.fromSystemProperties();
        Path report = new ReplayBenchmark(settings).run();
        Log.info("Report: %s", report);
        // The embedded broker and PostgreSQL stop in their shutdown hooks.
        System.exit(0);
    }

    Path run() throws Exception {
        long runStart = System.nanoTime();
        Instant started = Instant.now();
        var machine = MachineInfo.current();
        Log.info("Contrail replay benchmark (figure 4) on %s", machine.describe());
        Log.info("Settings: %s", settings);
        noteLoadAverage("at start");

        var stack = EmbeddedStack.start();
        String bootstrap = stack.bootstrapServers();
        String postgresUrl = stack.postgresUrl();
        String user = stack.user();
        var underTest = ContrailProcess.underTest(settings.appJar(), settings.workDir(), settings.appJvmArgs());
        Path appJar = underTest.jar();
        String appUnderTest = underTest.description();
        String jdbcUrl = BenchmarkSuite.freshDatabase(postgresUrl, user, "contrail_replay_" + started.getEpochSecond());
        String prefix = "contrail-replay-" + started.getEpochSecond();
        var cpu = new CpuAccounting(CpuAccounting.port(postgresUrl));
        Path log = settings.workDir().resolve("contrail-replay.log");

        ReplayReport.Volume volume;
        Duration feed;
        Duration catchUp;
        boolean caughtUp;
        List<ReplayReport.PlainRead> plainReads = new ArrayList<>();
        List<ReplayReport.Rebuild> rebuilds = new ArrayList<>();
        try (var app = ContrailProcess.start(appJar, settings.appJvmArgs(),
                List.of("--contrail.kafka.application-id-prefix=" + prefix, "--contrail.admin.password=" + settings.adminPassword()),
                bootstrap, jdbcUrl, user, log);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     AdminClientConfig.CLIENT_ID_CONFIG, "replay-benchmark"))) {
            Duration startup = app.awaitHealthy(Duration.ofMinutes(3));
            Log.info("Contrail (pid %d) healthy after %.1f s; log: %s", app.pid(), startup.toMillis() / 1000.0, log);

            // 1. The volume: raw vectors as fast as Kafka takes them, then until the pipeline has processed them all.
            long feedStart = System.nanoTime();
            AtomicLong fed = new AtomicLong();
            try (var axon = new AxonEventProcessors(jdbcUrl, user);
                 var lag = new LagMonitor(bootstrap, prefix + "-", LAG_SAMPLE_INTERVAL, () -> 0, fed::get).alsoWatch(axon).start()) {
                feed = feed(bootstrap, fed);
                Log.info("Fed %,d state vectors in %.1f s (%,.0f/s); waiting for Contrail to process them", fed.get(),
                        feed.toMillis() / 1000.0, Rates.perSecond(fed.get(), feed));
                caughtUp = awaitQuiet(lag, admin, feedStart);
                catchUp = Duration.ofNanos(System.nanoTime() - feedStart);
                if (!caughtUp) {
                    problems.add("Contrail's pipeline had not processed the fed vectors after " + settings.catchUpTimeout().toSeconds()
                            + " s (replay.catchUpTimeoutSeconds); the measurements went ahead on the topics as they were, and the rebuilds "
                            + "raced the pipeline's remaining output");
                }
            }
            noteLoadAverage("after catch-up");
            volume = volume(admin);
            Log.info("Volume: %,d raw vectors → %,d observations + %,d events (caught up after %.1f s)", volume.rawVectors(),
                    volume.observations(), volume.events(), catchUp.toMillis() / 1000.0);

            // 2. The raw limit: a plain consumer of the same topics.
            var plain = new PlainConsumer(bootstrap);
            try {
                // The consumer's code is cold in this JVM, Contrail's is warm from processing the same records: the first
                // pass reads several times slower than the next ones, so it is not counted.
                var warmUp = plain.read(Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS, Duration.ofMinutes(5));
                Log.info("Plain consumer warm-up pass: %,d records in %.2f s: %,.0f records/s (not counted)", warmUp.records(),
                        warmUp.nanos() / 1e9, warmUp.perSecond());
            } catch (RuntimeException e) {
                Log.info("Plain consumer warm-up pass failed: %s", e);
            }
            for (int i = 1; i <= settings.plainRepetitions(); i++) {
                try {
                    var read = plain.read(Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS, Duration.ofMinutes(5));
                    plainReads.add(read);
                    Log.info("Plain consumer %d: %,d records (%,d observations, %,d events) in %.2f s: %,.0f records/s", i,
                            read.records(), read.observations(), read.events(), read.nanos() / 1e9, read.perSecond());
                } catch (RuntimeException e) {
                    problems.add("plain consumer pass " + i + ": " + e.getMessage());
                    Log.info("Plain consumer %d failed: %s", i, e);
                }
            }

            // 3. The rebuilds.
            var client = new ProjectionsClient(app.uri("/graphql"), ADMIN_USER, settings.adminPassword());
            for (int i = 1; i <= settings.rebuilds(); i++) {
                rebuilds.add(rebuild(client, cpu, ReplayReport.LIVE_FLIGHTS, i));
            }
            if (settings.flightTracks()) {
                rebuilds.add(rebuild(client, cpu, ReplayReport.FLIGHT_TRACKS, 1));
            }
            noteLoadAverage("at the end");
            if (!app.isAlive()) {
                problems.add("Contrail's process had exited by the end of the run; see " + log);
            }
        }

        var report = new ReplayReport(started, machine.describe(), appUnderTest, settings, volume, feed, catchUp, caughtUp,
                plainReads, rebuilds, loadAverages, Duration.ofNanos(System.nanoTime() - runStart), problems);
        Log.info("%n%s", report.markdown());
        return report.write(settings.resultsDir());
    }

    /** Sends {@code replay.vectors} generated state vectors to the raw topic as fast as the producer goes. */
    private Duration feed(String bootstrap, AtomicLong fed) throws InterruptedException {
        var traffic = new TrafficGenerator(TrafficSettings.of(settings.seed(), TrafficSettings.startBehind(Instant.now())).withAircraft(settings.aircraft()));
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long nextLog = start + TimeUnit.SECONDS.toNanos(5);
        try (var producer = new KafkaProducer<>(KafkaRawLimits.producerProperties(bootstrap), new StringSerializer(),
                AvroSerde.of(OpenSkyStateVector.class))) {
            for (long i = 0; i < settings.vectors(); i++) {
                OpenSkyStateVector vector = traffic.next();
                producer.send(new ProducerRecord<>(Topics.OPENSKY_STATE_VECTORS, vector.getIcao24(), vector), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
                fed.incrementAndGet();
                if (System.nanoTime() > nextLog) {
                    Log.info("  fed %,d of %,d", fed.get(), settings.vectors());
                    nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            problems.add(failed.get() + " state vectors could not be sent to Kafka: " + firstError.get());
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Waits until every consumer group of the run (Kafka Streams applications and Axon's processors) is at the end of
     * its topics and nothing has moved for {@code quietPeriod}: no group's position, no end offset of the raw,
     * observation and event topics. Logs progress every 10 s.
     */
    private boolean awaitQuiet(LagMonitor lag, Admin admin, long startNanos) throws Exception {
        long deadline = System.nanoTime() + settings.catchUpTimeout().toNanos();
        long nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, Long> lastFingerprint = Map.of();
        long quietSince = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(LAG_SAMPLE_INTERVAL.toMillis());
            LagMonitor.Sample sample = lag.latest();
            if (sample == null) {
                continue;
            }
            Map<String, Long> fingerprint = new HashMap<>();
            long behind = 0;
            String worst = null;
            long worstRecords = -1;
            for (var group : sample.groups().entrySet()) {
                fingerprint.put(group.getKey(), group.getValue().committed());
                behind += group.getValue().records();
                if (group.getValue().records() > worstRecords) {
                    worstRecords = group.getValue().records();
                    worst = group.getKey();
                }
            }
            Map<TopicPartition, Long> ends = endOffsets(admin, List.of(Topics.OPENSKY_STATE_VECTORS,
                    Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS));
            ends.forEach((partition, end) -> fingerprint.put(partition.toString(), end));
            boolean projectionsPresent = sample.groups().keySet().stream().anyMatch(g -> g.contains("projection-live-flights"));
            long now = System.nanoTime();
            if (behind == 0 && projectionsPresent && fingerprint.equals(lastFingerprint)) {
                if (quietSince == 0) {
                    quietSince = now;
                }
                if (now - quietSince >= settings.quietPeriod().toNanos()) {
                    Log.info("  caught up: %d groups at the end of their topics, nothing moving for %d s",
                            sample.groups().size(), settings.quietPeriod().toSeconds());
                    return true;
                }
            } else {
                quietSince = 0;
            }
            lastFingerprint = fingerprint;
            if (now > nextLog) {
                Log.info("  %.0f s: %,d records behind over %d groups; the furthest behind: %s (%,d records, %.1f s); events so far %,d",
                        (now - startNanos) / 1e9, behind, sample.groups().size(), worst == null ? "–" : worst,
                        worstRecords, worst == null ? 0 : sample.groups().get(worst).secondsBehind(),
                        sum(ends, Topics.FLIGHT_TRACKING_EVENTS));
                nextLog = now + TimeUnit.SECONDS.toNanos(10);
            }
        }
        return false;
    }

    /** Rebuilds a projection once: the mutation, then {@code projections} every 250 ms until it took over or stopped. */
    private ReplayReport.Rebuild rebuild(ProjectionsClient client, CpuAccounting cpu, String projection, int repetition) throws Exception {
        Log.info("Rebuild %d of %s", repetition, projection);
        CpuAccounting.Snapshot cpuStart = cpu.snapshot();
        Instant sent = Instant.now();
        long sentNanos = System.nanoTime();
        int generation;
        try {
            generation = client.replay(projection).path("generation").asInt();
        } catch (IOException | RuntimeException e) {
            problems.add("rebuild " + repetition + " of " + projection + ": replayProjection failed: " + e.getMessage());
            Log.info("  replayProjection failed: %s", e);
            return new ReplayReport.Rebuild(projection, repetition, -1, "NOT_STARTED", 0, 0, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, e.getMessage());
        }
        List<Double> reported = new ArrayList<>();
        long deadline = sentNanos + settings.rebuildTimeout().toNanos();
        long nextLog = sentNanos + TimeUnit.SECONDS.toNanos(5);
        long eventsTotal = 0;
        String outcome = "TIMED_OUT";
        String reason = null;
        long nanos = 0;
        while (System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            JsonNode status;
            try {
                status = client.projection(projection);
            } catch (IOException e) {
                Log.info("  projections query failed (%s); asking again", e.getMessage());
                continue;
            }
            JsonNode last = status.path("lastReplay");
            if (last.path("generation").asInt() != generation) {
                continue;
            }
            eventsTotal = last.path("eventsTotal").asLong();
            String state = last.path("state").asText();
            if ("REBUILDING".equals(state)) {
                reported.add(last.path("eventsPerSecond").asDouble());
                if (System.nanoTime() > nextLog) {
                    Log.info("  generation %d: %,d of %,d records, %,.0f records/s reported, %.0f s", generation,
                            last.path("eventsDone").asLong(), eventsTotal, last.path("eventsPerSecond").asDouble(),
                            (System.nanoTime() - sentNanos) / 1e9);
                    nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                continue;
            }
            long observedNanos = System.nanoTime() - sentNanos;
            outcome = state;
            reason = last.path("reason").isNull() ? null : last.path("reason").asText(null);
            nanos = observedNanos;
            JsonNode serving = status.path("serving");
            if ("SERVING".equals(state) && serving.path("generation").asInt() == generation && serving.hasNonNull("servingSince")) {
                // Contrail's own switch-over instant; the poll that saw it also waited for the old generation's removal.
                nanos = Duration.between(sent, Instant.parse(serving.path("servingSince").asText())).toNanos();
            }
            break;
        }
        if ("TIMED_OUT".equals(outcome)) {
            nanos = System.nanoTime() - sentNanos;
            reason = "not switched over within " + settings.rebuildTimeout().toSeconds() + " s (replay.rebuildTimeoutSeconds); cancelled";
            problems.add("rebuild " + repetition + " of " + projection + ": " + reason);
            try {
                client.cancel(projection);
            } catch (IOException | RuntimeException e) {
                problems.add("cancelReplay of " + projection + " failed: " + e.getMessage());
            }
        } else if (!"SERVING".equals(outcome)) {
            problems.add("rebuild " + repetition + " of " + projection + " ended " + outcome + ": " + reason);
        }
        CpuAccounting.Usage usage = CpuAccounting.between(cpuStart, cpu.snapshot());
        double[] peakAndMean = Rates.peakAndMean(reported.stream().mapToDouble(Double::doubleValue).toArray());
        var rebuild = new ReplayReport.Rebuild(projection, repetition, generation, outcome, eventsTotal, nanos, peakAndMean[0],
                peakAndMean[1], usage.machineCores(), usage.otherCores(), reason);
        Log.info("  generation %d: %s, %,d records in %.1f s: %,.0f records/s (reported peak %,.0f, mean %,.0f); machine %.2f cores busy, %.2f other processes",
                generation, outcome, eventsTotal, nanos / 1e9, rebuild.perSecond(), peakAndMean[0], peakAndMean[1],
                usage.machineCores(), usage.otherCores());
        // Let the old generation's removal (Kafka Streams close, group and schema deletion) finish before the next one.
        Thread.sleep(2_000);
        return rebuild;
    }

    private ReplayReport.Volume volume(Admin admin) throws Exception {
        var topics = List.of(Topics.OPENSKY_STATE_VECTORS, Topics.FLIGHT_TRACKING_OBSERVATIONS, Topics.FLIGHT_TRACKING_EVENTS);
        Map<TopicPartition, Long> ends = endOffsets(admin, topics);
        Map<TopicPartition, Long> begins = offsets(admin, topics, OffsetSpec.earliest());
        Map<String, Long> records = new HashMap<>();
        ends.forEach((partition, end) -> records.merge(partition.topic(), end - begins.getOrDefault(partition, 0L), Long::sum));
        return new ReplayReport.Volume(records.getOrDefault(Topics.OPENSKY_STATE_VECTORS, 0L),
                records.getOrDefault(Topics.FLIGHT_TRACKING_OBSERVATIONS, 0L), records.getOrDefault(Topics.FLIGHT_TRACKING_EVENTS, 0L));
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        return offsets(admin, topics, OffsetSpec.latest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<String> topics, OffsetSpec spec) throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        descriptions.values().forEach(d -> d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), spec)));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS).forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private static long sum(Map<TopicPartition, Long> offsets, String topic) {
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic)).mapToLong(Map.Entry::getValue).sum();
    }

    private void noteLoadAverage(String when) {
        String value;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            value = fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            value = "unknown";
        }
        loadAverages.add(new ReplayReport.LoadAverage(when, value));
        Log.info("Load average (1, 5, 15 min) %s: %s", when, value);
    }
}
