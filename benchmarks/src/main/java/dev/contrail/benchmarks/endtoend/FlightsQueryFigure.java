package dev.contrail.benchmarks.endtoend;

import dev.contrail.benchmarks.traffic.Airports;
import dev.contrail.benchmarks.traffic.TrafficGenerator;
import dev.contrail.benchmarks.traffic.TrafficSettings;
import dev.contrail.demo.EmbeddedServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 3 alone, for working on the query path: one Contrail process, the suite's warm-up (every aircraft in
 * coverage, every consumer group caught up), then {@link FlightsQueryLoad} a few times in a row, exactly as the suite
 * runs it (the first pass is the suite's figure; the later ones show the JIT-warm steady state). Then the plain-JDBC
 * ceiling of the same SQL shape on Contrail's own {@code live_flight} view, and its plan.
 *
 * <pre>
 * ./mvnw -o -q -pl benchmarks -am install -DskipTests
 * java -cp "$(cat cp.txt):benchmarks/target/classes" -Dfigure3.jar=api/target/contrail-api-0.1.0-SNAPSHOT.jar \
 *      dev.contrail.benchmarks.endtoend.FlightsQueryFigure
 * </pre>
 *
 * System properties (defaults as the suite's): {@code figure3.jar} (required), {@code figure3.aircraft} (10000),
 * {@code figure3.seed} (20261126), {@code figure3.clients} (4), {@code figure3.seconds} (15), {@code figure3.passes} (3),
 * {@code figure3.workDir} (benchmarks/target/figure3).
 */
public final class FlightsQueryFigure {

    private static final double BOX_HEIGHT_DEG = 4;
    private static final double BOX_WIDTH_DEG = 6;

    private FlightsQueryFigure() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(required("figure3.jar"));
        int aircraft = Integer.getInteger("figure3.aircraft", 10_000);
        long seed = Long.getLong("figure3.seed", 20261126L);
        int clients = Integer.getInteger("figure3.clients", 4);
        Duration duration = Duration.ofSeconds(Long.getLong("figure3.seconds", 15));
        int passes = Integer.getInteger("figure3.passes", 3);
        Path workDir = Path.of(System.getProperty("figure3.workDir", "benchmarks/target/figure3"));

        String bootstrap = EmbeddedServices.kafkaBootstrapServers(KafkaRawLimits.PARTITIONS);
        String serverUrl = EmbeddedServices.postgresJdbcUrl();
        String user = EmbeddedServices.postgresUser();
        String jdbcUrl = BenchmarkSuite.freshDatabase(serverUrl, user, "contrail_figure3");
        Path appJar = ContrailProcess.copyUnderTest(jar, workDir);
        Log.info("Figure 3 alone: %s (%,d bytes), %,d aircraft, %d clients, %d passes of %d s", jar, Files.size(appJar), aircraft, clients,
                passes, duration.toSeconds());

        String prefix = "figure3";
        var traffic = new TrafficGenerator(TrafficSettings.of(seed, TrafficSettings.startBehind(Instant.now())).withAircraft(aircraft));
        var boxes = new Boxes(seed);
        try (var app = ContrailProcess.start(appJar, List.of(), List.of("--contrail.kafka.application-id-prefix=" + prefix), bootstrap,
                jdbcUrl, user, workDir.resolve("contrail.log"))) {
            Log.info("  healthy after %.1f s", app.awaitHealthy(Duration.ofMinutes(3)).toMillis() / 1000.0);
            try (var load = new LoadProducer(bootstrap, traffic);
                 var axon = new AxonEventProcessors(jdbcUrl, user);
                 var lag = new LagMonitor(bootstrap, prefix + "-", Duration.ofMillis(500), load::speed, load::produced).alsoWatch(axon).start()) {
                load.burstUntil(traffic.settings().everyAircraftSeenBy());
                Thread.sleep(5_000);
                if (!lag.awaitCaughtUp(Duration.ofSeconds(3), Duration.ofMinutes(6))) {
                    Log.info("  Contrail had not caught up with the warm-up traffic after 6 min: the passes below start from a backlog");
                }
                load.setSpeed(0);
                Log.info("  warm-up done: %,d state vectors; %,d aircraft in live_flight", load.produced(), liveFlights(jdbcUrl, user));
                var queries = new FlightsQueryLoad(app.uri("/graphql"));
                for (int pass = 1; pass <= passes; pass++) {
                    var result = queries.run(clients, duration, boxes::next);
                    Log.info("  pass %d: %,.0f q/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %.1f aircraft per answer, %d failed", pass,
                            result.queriesPerSecond(), result.p50Nanos() / 1e6, result.p99Nanos() / 1e6, result.maxNanos() / 1e6,
                            result.meanEdges(), result.failures());
                }
            }
        }
        plainSql(jdbcUrl, user, clients, boxes);
        System.exit(0);
    }

    /** The boxes of the suite: each client its own deterministic stream. */
    private static final class Boxes {
        private final long seed;
        private long streams;

        Boxes(long seed) {
            this.seed = seed;
        }

        synchronized ViewportBoxes next() {
            return new ViewportBoxes(Airports.bundled(), seed + streams++, BOX_HEIGHT_DEG, BOX_WIDTH_DEG);
        }
    }

    private static long liveFlights(String jdbcUrl, String user) throws Exception {
        try (Connection connection = new PostgresRawLimits(jdbcUrl, user).connect(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT count(*) FROM live_flight")) {
            count.next();
            return count.getLong(1);
        }
    }

    /** The statement LiveFlightQueries sends for flights(within:, first: 100), in plain JDBC on the same view, and its plan. */
    private static void plainSql(String jdbcUrl, String user, int clients, Boxes boxes) throws Exception {
        String sql = """
                SELECT icao24, flight_id, callsign, origin_country, latitude, longitude, barometric_altitude_m,
                       geometric_altitude_m, on_ground, ground_speed_mps, track_deg, vertical_rate_mps, squawk, emergency,
                       first_seen, last_seen, took_off_at, landed_at, lost
                FROM live_flight
                WHERE flight_id IS NOT NULL AND last_seen IS NOT NULL AND latitude IS NOT NULL AND longitude IS NOT NULL AND NOT lost
                  AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? ORDER BY icao24 LIMIT 101""";
        var postgres = new PostgresRawLimits(jdbcUrl, user);
        ViewportBoxes.Box box = boxes.next().next();
        try (Connection connection = postgres.connect(); PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            bind(explain, box);
            try (ResultSet plan = explain.executeQuery()) {
                Log.info("  plan for %s:", box);
                while (plan.next()) {
                    Log.info("    %s", plan.getString(1));
                }
            }
        }
        var samples = new ArrayList<Stats.Samples>();
        var threads = new ArrayList<Thread>();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (int c = 0; c < clients; c++) {
            var clientSamples = new Stats.Samples();
            samples.add(clientSamples);
            ViewportBoxes clientBoxes = boxes.next();
            threads.add(new Thread(() -> {
                try (Connection connection = postgres.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        bind(query, clientBoxes.next());
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                rows.getString(1);
                            }
                        }
                        clientSamples.add(System.nanoTime() - start);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long elapsed = Stats.runTogether(threads);
        var all = Stats.merged(samples);
        Log.info("  plain JDBC, same SQL on live_flight: %,.0f q/s, p50 %.2f ms, p99 %.2f ms", KafkaRawLimits.perSecond(all.size(), elapsed),
                all.percentile(50) / 1e6, all.percentile(99) / 1e6);
    }

    private static void bind(PreparedStatement statement, ViewportBoxes.Box box) throws Exception {
        statement.setDouble(1, box.south());
        statement.setDouble(2, box.north());
        statement.setDouble(3, box.west());
        statement.setDouble(4, box.east());
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("-D" + property + " is required");
        }
        return value;
    }
}
