package dev.contrail.benchmarks.endtoend;

import dev.contrail.benchmarks.micro.MicroBenchmarks;
import dev.contrail.benchmarks.traffic.Airports;
import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.benchmarks.traffic.TrafficSettings;
import dev.contrail.demo.EmbeddedServices;
import dev.contrail.schemas.Topics;
import dev.contrail.schemas.kafka.AvroSerde;
import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The end-to-end benchmark suite: one command (see benchmarks/README.md) that measures this machine's raw limits,
 * then runs Contrail several times against the same generated traffic, and writes every figure, with its ratio to
 * the raw limit measured in the same run, to {@code results/latest.md} and a dated copy.
 * <p>
 * Each run gets a fresh Contrail process, a fresh database and fresh topics, and goes through: warm-up (the first
 * report of every aircraft, until every consumer group has caught up), figure 3 (queries) and figure 2
 * (subscriptions) under live load at 1× (2,000 state vectors/s with 10,000 aircraft), then figure 1's ladder of
 * accelerating load up to the first rate Contrail cannot keep up with; figure 5 covers the whole run.
 */
public final class BenchmarkSuite {

    /** Contrail's consumer groups are {@code <application-id-prefix>-<name>}; each run has a prefix of its own. */
    static String applicationIdPrefix(int run) {
        return "contrail-run" + run;
    }
    private static final Duration LAG_SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration MIN_WARM_UP = Duration.ofSeconds(5);

    private final SuiteSettings settings;
    private java.nio.file.Path appJar;

    BenchmarkSuite(SuiteSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        var settings = SuiteSettings.fromSystemProperties();
        var report = new BenchmarkSuite(settings).run();
        Log.info("Results: %s", report);
        // The embedded broker and PostgreSQL stop in their shutdown hooks.
        System.exit(0);
    }

    java.nio.file.Path run() throws Exception {
        long suiteStart = System.nanoTime();
        Instant started = Instant.now();
        var machine = MachineInfo.current();
        Log.info("Contrail benchmark suite on %s", machine.describe());
        Log.info("Settings: %s", settings);

        List<MicroBenchmarks.Score> micro = List.of();
        String microProblem = null;
        if (settings.jmh()) {
            Log.info("JMH micro-benchmarks (before any service starts)");
            try {
                micro = MicroBenchmarks.runQuick();
            } catch (Exception e) {
                microProblem = e.toString();
                Log.info("JMH failed: %s", e);
            }
        } else {
            microProblem = "skipped (-Dbenchmarks.jmh=false)";
        }

        Log.info("Starting embedded Kafka and PostgreSQL");
        String bootstrap = EmbeddedServices.kafkaBootstrapServers(KafkaRawLimits.PARTITIONS);
        String jdbcUrl = EmbeddedServices.postgresJdbcUrl();
        String user = EmbeddedServices.postgresUser();

        RawLimits raw = measureRawLimits(bootstrap, jdbcUrl, user);

        // Run a copy: a build elsewhere that rewrites the jar under a running JVM breaks its class loading.
        Files.createDirectories(settings.workDir());
        appJar = ContrailProcess.copyUnderTest(settings.appJar(), settings.workDir());
        String appUnderTest = "%,d bytes, built %s".formatted(Files.size(appJar),
                Files.getLastModifiedTime(settings.appJar()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        Log.info("Contrail under test: %s (%s), run from a copy", settings.appJar(), appUnderTest);

        List<RunResult> runs = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            try {
                runs.add(endToEnd(run, bootstrap, jdbcUrl, user));
            } catch (Exception e) {
                // One run that cannot complete (e.g. Contrail does not start) leaves the others and the report standing.
                Log.info("Run %d failed: %s", run, e);
                runs.add(RunResult.failed(run, applicationIdPrefix(run), e.toString()));
                resetKafka(bootstrap);
            }
        }

        Duration wallTime = Duration.ofNanos(System.nanoTime() - suiteStart);
        var report = new ResultsReport(settings, machine, started, wallTime, raw, runs, micro, microProblem, appUnderTest);
        return report.write(settings.resultsDir(), settings.workDir());
    }

    /** The raw limits of this run, each measured {@link SuiteSettings#rawRepetitions()} times. */
    record RawLimits(int records, double meanRecordBytes, List<KafkaRawLimits.Pipe> kafka, Stats.Samples kafkaLatency,
                     double kafkaLatencyRate, List<Double> copyRowsPerSecond, PostgresRawLimits.Queries queries) {
    }

    private RawLimits measureRawLimits(String bootstrap, String jdbcUrl, String user) throws Exception {
        Log.info("Raw limits: generating %,d state vectors", settings.rawRecords());
        var generator = new TrafficGenerator(TrafficSettings.of(settings.seed(), Instant.now().getEpochSecond())
                .withAircraft(settings.aircraft()).allAtOnce());
        var serde = AvroSerde.of(OpenSkyStateVector.class);
        List<OpenSkyStateVector> vectors = new ArrayList<>(settings.rawRecords());
        List<byte[]> keys = new ArrayList<>(settings.rawRecords());
        List<byte[]> values = new ArrayList<>(settings.rawRecords());
        long bytes = 0;
        for (int i = 0; i < settings.rawRecords(); i++) {
            OpenSkyStateVector vector = generator.next();
            vectors.add(vector);
            keys.add(KafkaRawLimits.utf8(vector.getIcao24()));
            byte[] value = serde.serialize(Topics.OPENSKY_STATE_VECTORS, vector);
            values.add(value);
            bytes += value.length;
        }
        var kafka = new KafkaRawLimits(bootstrap);
        // The broker runs in this JVM: the first passes mostly measure its JIT warming up (100k/s, then 400k/s+).
        for (int i = 0; i < 2; i++) {
            var pipe = kafka.pipe(keys, values);
            Log.info("  Kafka warm-up pass: %,.0f records/s (not counted)", pipe.pipeRecordsPerSecond());
        }
        List<KafkaRawLimits.Pipe> pipes = new ArrayList<>();
        for (int i = 0; i < settings.rawRepetitions(); i++) {
            var pipe = kafka.pipe(keys, values);
            pipes.add(pipe);
            Log.info("  Kafka producer→consumer: %,.0f records/s (produce %,.0f/s, consume alone %,.0f/s)",
                    pipe.pipeRecordsPerSecond(), pipe.produceRecordsPerSecond(), pipe.consumeOnlyRecordsPerSecond());
        }
        double latencyRate = generator.settings().vectorsPerSimulatedSecond();
        Stats.Samples latency = kafka.latencyAt(latencyRate, Duration.ofSeconds(10), keys, values);
        Log.info("  Kafka latency at %,.0f records/s: p50 %.1f ms, p99 %.1f ms", latencyRate, latency.percentile(50) / 1e6, latency.percentile(99) / 1e6);
        kafka.deleteTopics();

        var postgres = new PostgresRawLimits(jdbcUrl, user);
        byte[] copyText = PostgresRawLimits.copyText(vectors);
        List<Double> copies = new ArrayList<>();
        for (int i = 0; i < settings.rawRepetitions(); i++) {
            double rate = postgres.copy(copyText, vectors.size(), "bench_state_vector");
            copies.add(rate);
            Log.info("  PostgreSQL COPY: %,.0f rows/s", rate);
        }
        var queries = postgres.boundingBoxQueries(vectors.subList(0, Math.min(vectors.size(), settings.aircraft())),
                settings.queryClients(), Duration.ofSeconds(5), this::boxes);
        Log.info("  PostgreSQL bounding-box query: %,.0f q/s, p50 %.2f ms, p99 %.2f ms, %.1f rows", queries.queriesPerSecond(),
                queries.p50Nanos() / 1e6, queries.p99Nanos() / 1e6, queries.meanRows());
        return new RawLimits(vectors.size(), (double) bytes / vectors.size(), pipes, latency, latencyRate, copies, queries);
    }

    private ViewportBoxes boxes() {
        return new ViewportBoxes(Airports.bundled(), settings.seed() + boxStreams++, settings.boxHeightDeg(), settings.boxWidthDeg());
    }

    private long boxStreams;

    private RunResult endToEnd(int run, String bootstrap, String postgresUrl, String user) throws Exception {
        Log.info("Run %d of %d", run, settings.runs());
        List<String> problems = new ArrayList<>();
        String jdbcUrl = freshDatabase(postgresUrl, user, "contrail_run_" + run);
        String prefix = applicationIdPrefix(run);
        var cpu = new CpuAccounting(CpuAccounting.port(postgresUrl));
        CpuAccounting.Snapshot cpuAtStart = cpu.snapshot();
        var log = settings.workDir().resolve("contrail-run-" + run + ".log");
        // The same seed every run: every run gets the same traffic.
        var traffic = new TrafficGenerator(TrafficSettings.of(settings.seed(), TrafficSettings.startBehind(Instant.now())).withAircraft(settings.aircraft()));
        Duration startup;
        Duration warmUp = null;
        FlightsQueryLoad.Result queries = null;
        SubscriptionLoad.Result subscriptions = null;
        IngestLadder.Result ingest;
        double measuredSeconds;
        List<LagMonitor.Sample> samples;
        RunResult result;
        try (var app = ContrailProcess.start(appJar, settings.appJvmArgs(),
                List.of("--contrail.kafka.application-id-prefix=" + prefix), bootstrap, jdbcUrl, user, log)) {
            startup = app.awaitHealthy(Duration.ofMinutes(3));
            long healthy = System.nanoTime();
            Log.info("  Contrail (pid %d) healthy after %.1f s; log: %s", app.pid(), startup.toMillis() / 1000.0, log);
            try (var load = new LoadProducer(bootstrap, traffic);
                 var axon = new AxonEventProcessors(jdbcUrl, user);
                 var lag = new LagMonitor(bootstrap, prefix + "-", LAG_SAMPLE_INTERVAL, load::speed, load::produced).alsoWatch(axon).start()) {
                // Warm-up: the traffic until every aircraft has come into coverage (each one a new flight for the
                // domain) as fast as it goes, then nothing until every group has caught up.
                long warmUpStart = System.nanoTime();
                load.burstUntil(traffic.settings().everyAircraftSeenBy());
                Thread.sleep(MIN_WARM_UP.toMillis());
                if (lag.awaitCaughtUp(settings.lagBound(), settings.warmUpTimeout())) {
                    warmUp = Duration.ofNanos(System.nanoTime() - warmUpStart);
                    Log.info("  warm-up: every consumer group caught up with the first %,d vectors (every aircraft in coverage) after %.1f s",
                            load.produced(), warmUp.toMillis() / 1000.0);
                } else {
                    problems.add("warm-up: the consumer groups had not caught up with the traffic until every aircraft was in coverage after "
                            + settings.warmUpTimeout().toSeconds() + " s; the figures below start from a backlog");
                    Log.info("  %s", problems.get(problems.size() - 1));
                }

                try {
                    load.setSpeed(settings.queryLoadSpeed());
                    // An unmeasured pass first: on 2 cores the JIT is still compiling the query path after the warm-up,
                    // which is about ingest, and a 15 s pass would measure the compiler as much as the query.
                    var queryWarmUp = new FlightsQueryLoad(app.uri("/graphql")).run(settings.queryClients(), settings.queryDuration(), this::boxes);
                    Log.info("  figure 3 warm-up pass (not counted): %,.0f q/s, p99 %.1f ms", queryWarmUp.queriesPerSecond(), queryWarmUp.p99Nanos() / 1e6);
                    queries = new FlightsQueryLoad(app.uri("/graphql")).run(settings.queryClients(), settings.queryDuration(), this::boxes);
                    Log.info("  figure 3: %,.0f q/s, p50 %.1f ms, p99 %.1f ms, %.1f aircraft per answer, %d failed",
                            queries.queriesPerSecond(), queries.p50Nanos() / 1e6, queries.p99Nanos() / 1e6, queries.meanEdges(), queries.failures());
                } catch (RuntimeException e) {
                    problems.add("figure 3: " + e.getMessage());
                    Log.info("  figure 3 failed: %s", e);
                } finally {
                    load.setSpeed(0);
                }
                settle(lag, problems, "figure 3");

                try {
                    subscriptions = new SubscriptionLoad(app.webSocketUri("/graphql"), load, lag)
                            .run(settings.subscriptions(), settings.subscriptionSpeed(), settings.subscriptionDuration(), boxes(), settings.drainTimeout());
                    Log.info("  figure 2: %,.0f updates/s to %,d subscribers; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d samples, %d errors); %.1f s behind at the end of the load",
                            subscriptions.updatesPerSecond(), subscriptions.connected(), subscriptions.p50Nanos() / 1e6,
                            subscriptions.p99Nanos() / 1e6, subscriptions.maxNanos() / 1e6, subscriptions.samples(), subscriptions.errors(),
                            subscriptions.behindAtEndSeconds());
                } catch (RuntimeException e) {
                    problems.add("figure 2: " + e.getMessage());
                    Log.info("  figure 2 failed: %s", e);
                } finally {
                    load.setSpeed(0);
                }
                settle(lag, problems, "figure 2");

                var cpuMeters = new IngestLadder.CpuMeters(app::cpuSeconds, CpuAccounting::machineBusySeconds);
                ingest = new IngestLadder(load, lag, settings.speeds(), settings.step(), settings.lagBound(), cpuMeters).climb();
                // Let Contrail work off the last rung's backlog, so that it answers the metrics request below promptly.
                lag.awaitCaughtUp(settings.lagBound(), Duration.ofSeconds(20));
                measuredSeconds = (System.nanoTime() - healthy) / 1e9;
                if (load.failed() > 0) {
                    problems.add(load.failed() + " state vectors could not be sent to Kafka");
                }
                samples = lag.samples();
            }
            CpuAccounting.Usage cpuUsage = CpuAccounting.between(cpuAtStart, cpu.snapshot());
            Log.info("  CPU: the machine was %.2f cores busy on average, %.2f of them this suite, %.2f other processes",
                    cpuUsage.machineCores(), cpuUsage.suiteCores(), cpuUsage.otherCores());
            long rss = app.peakRssBytes().orElse(-1);
            double gcSeconds = app.metric("jvm.gc.pause", "TOTAL_TIME").orElse(Double.NaN);
            long gcCount = app.metric("jvm.gc.pause", "COUNT").map(Double::longValue).orElse(-1L);
            double cpuSeconds = app.cpuSeconds();
            Log.info("  figure 5: peak RSS %,d MiB, GC pauses %.2f s (%d), CPU %.0f s over %.0f s",
                    rss / (1024 * 1024), gcSeconds, gcCount, cpuSeconds, measuredSeconds + startup.toMillis() / 1000.0);
            List<String> groups = samples.isEmpty() ? List.of() : List.copyOf(samples.get(samples.size() - 1).groups().keySet());
            result = new RunResult(run, prefix, startup, warmUp, queries, subscriptions, ingest, rss, gcSeconds, gcCount, cpuSeconds,
                    measuredSeconds, cpuUsage, groups, samples, problems);
        }
        resetKafka(bootstrap);
        return result;
    }

    /** Lets Contrail work off what the last figure left behind, so that the next one starts level. */
    private void settle(LagMonitor lag, List<String> problems, String after) throws InterruptedException {
        if (!lag.awaitCaughtUp(settings.lagBound(), settings.drainTimeout())) {
            problems.add("the consumer groups were still more than " + settings.lagBound().toSeconds() + " s behind "
                    + settings.drainTimeout().toSeconds() + " s after " + after + "; the next figure starts from a backlog");
        }
    }

    /**
     * Deletes every topic, so that the next run starts from nothing. Kafka Streams members do not leave their group
     * on close, so the run's groups stay until their session times out; each run has groups of its own anyway.
     */
    static void resetKafka(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        }
    }

    /** A database of that name, dropped first if it exists, on the server of {@code serverUrl}; its JDBC URL. */
    static String freshDatabase(String serverUrl, String user, String database) throws SQLException {
        try (Connection connection = new PostgresRawLimits(serverUrl, user).connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database);
        }
        return withDatabase(serverUrl, database);
    }

    /** The same server, another database: {@code jdbc:postgresql://host:port/<database>?params}. */
    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }
}
