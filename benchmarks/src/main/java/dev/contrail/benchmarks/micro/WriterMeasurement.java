package dev.contrail.benchmarks.micro;

import dev.contrail.demo.EmbeddedServices;
import dev.contrail.readmodels.flighttracking.JdbcLiveFlightWriter;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cost of a live-flights flush against the embedded PostgreSQL (ADR 0030), one connection, 10,000 aircraft,
 * batches of 1,000 observations of distinct aircraft that all pass the {@code last_seen} guard:
 *
 * <ul>
 *   <li>{@code jdbc-batch+read-back} (ADR 0020, before): the single-row upsert as a JDBC batch in one transaction,
 *       then one query reading the changed rows back for the subscribers;</li>
 *   <li>{@code unnest+returning} (ADR 0030): {@link JdbcLiveFlightWriter#flushChanges()}, one multi-row upsert of
 *       arrays that returns the rows it changed.</li>
 * </ul>
 * Reports rows/s, the client's CPU (this JVM) and the server's CPU (the connection's backend process, from
 * {@code /proc/<pid>/stat}, 10 ms ticks) per 1,000 rows.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> dev.contrail.benchmarks.micro.WriterMeasurement [seconds per case]}.
 */
public final class WriterMeasurement {

    private static final int AIRCRAFT = 10_000;
    private static final int BATCH = 1_000;
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    /** The single-row statement of the observations, as JdbcLiveFlightWriter sends it one record at a time. */
    private static final String OBSERVED = """
            INSERT INTO live_flight AS f (icao24, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                on_ground, ground_speed_mps, track_deg, vertical_rate_mps, last_seen)
            VALUES (:icao24, :latitude, :longitude, :barometricAltitudeM, :geometricAltitudeM,
                :onGround, :groundSpeedMps, :trackDeg, :verticalRateMps, :observedAt)
            ON CONFLICT (icao24) DO UPDATE SET
                latitude = CASE WHEN EXCLUDED.latitude IS NULL THEN f.latitude ELSE EXCLUDED.latitude END,
                longitude = CASE WHEN EXCLUDED.latitude IS NULL THEN f.longitude ELSE EXCLUDED.longitude END,
                barometric_altitude_m = CASE WHEN EXCLUDED.latitude IS NULL THEN f.barometric_altitude_m ELSE EXCLUDED.barometric_altitude_m END,
                geometric_altitude_m = CASE WHEN EXCLUDED.latitude IS NULL THEN f.geometric_altitude_m ELSE EXCLUDED.geometric_altitude_m END,
                on_ground = EXCLUDED.on_ground, ground_speed_mps = EXCLUDED.ground_speed_mps, track_deg = EXCLUDED.track_deg,
                vertical_rate_mps = EXCLUDED.vertical_rate_mps, last_seen = EXCLUDED.last_seen
            WHERE f.last_seen IS NULL OR f.last_seen < EXCLUDED.last_seen
            """;
    private static final String CURRENT = "SELECT icao24, flight_id, callsign, origin_country, latitude, longitude, barometric_altitude_m, "
            + "geometric_altitude_m, on_ground, ground_speed_mps, track_deg, vertical_rate_mps, squawk, emergency, "
            + "first_seen, last_seen, took_off_at, landed_at, lost FROM live_flight WHERE icao24 IN (:icao24s)";

    private WriterMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Path data = Files.createTempDirectory("writer-measurement");
        String url = EmbeddedServices.postgresJdbcUrl(data);
        try (var dataSource = new SingleConnectionDataSource(url, EmbeddedServices.postgresUser(), "", true)) {
            var jdbc = new NamedParameterJdbcTemplate(dataSource);
            jdbc.getJdbcTemplate().execute(resource("/projections/live-flights.sql"));
            jdbc.getJdbcTemplate().update("INSERT INTO live_flight (icao24, flight_id, first_seen, last_sequence) "
                    + "SELECT to_hex(10485760 + i), to_hex(10485760 + i) || '-1', now(), 1 FROM generate_series(0, " + (AIRCRAFT - 1) + ") i");
            int backend = jdbc.getJdbcTemplate().queryForObject("SELECT pg_backend_pid()", Integer.class);
            var traffic = new Traffic();
            System.out.printf("cores %d, %s %s, PostgreSQL backend %d%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), backend);
            System.out.println("| writer | rows/s | client CPU ms per 1,000 rows | server CPU ms per 1,000 rows |");
            System.out.println("| --- | ---: | ---: | ---: |");
            var before = new JdbcBatchWithReadBack(jdbc);
            var after = new JdbcLiveFlightWriter(jdbc);
            for (boolean report : new boolean[] {false, true}) {
                run("jdbc-batch+read-back", batch -> before.flush(batch), traffic, seconds, backend, report);
                run("unnest+returning", batch -> {
                    batch.forEach(after::stage);
                    return after.flushChanges().size();
                }, traffic, seconds, backend, report);
            }
        } finally {
            EmbeddedServices.stop();
        }
    }

    private interface Flush {
        int flush(List<AircraftObservation> batch);
    }

    private static void run(String name, Flush flush, Traffic traffic, double seconds, int backend, boolean report) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long clientStart = os.getProcessCpuTime();
        long serverStart = ProcStat.cpuTicks(backend);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long rows = 0;
        while (System.nanoTime() < end) {
            int changed = flush.flush(traffic.nextBatch());
            if (changed != BATCH) {
                throw new IllegalStateException(name + " changed " + changed + " rows of " + BATCH);
            }
            rows += BATCH;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double clientMs = (os.getProcessCpuTime() - clientStart) / 1e6;
        double serverMs = (ProcStat.cpuTicks(backend) - serverStart) * 10.0;
        if (report) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f |%n", name, rows / wall, clientMs / (rows / 1000.0), serverMs / (rows / 1000.0));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(WriterMeasurement.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The batch as ADR 0020 wrote it: a JDBC batch of single-row upserts, then the changed rows read back. */
    private static final class JdbcBatchWithReadBack {
        private final NamedParameterJdbcTemplate jdbc;
        private final TransactionTemplate transaction;

        JdbcBatchWithReadBack(NamedParameterJdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource()));
        }

        int flush(List<AircraftObservation> batch) {
            MapSqlParameterSource[] parameters = batch.stream().map(JdbcBatchWithReadBack::parameters).toArray(MapSqlParameterSource[]::new);
            Set<String> changed = new HashSet<>();
            transaction.executeWithoutResult(status -> {
                int[] counts = jdbc.batchUpdate(OBSERVED, parameters);
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        changed.add(batch.get(i).getIcao24());
                    }
                }
            });
            List<Map<String, Object>> rows = jdbc.queryForList(CURRENT, Map.of("icao24s", changed));
            return rows.size();
        }

        private static MapSqlParameterSource parameters(AircraftObservation observation) {
            return new MapSqlParameterSource()
                    .addValue("icao24", observation.getIcao24(), Types.VARCHAR)
                    .addValue("observedAt", observation.getObservedAt().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                    .addValue("latitude", observation.getLatitude(), Types.DOUBLE)
                    .addValue("longitude", observation.getLongitude(), Types.DOUBLE)
                    .addValue("barometricAltitudeM", observation.getBarometricAltitudeM(), Types.DOUBLE)
                    .addValue("geometricAltitudeM", observation.getGeometricAltitudeM(), Types.DOUBLE)
                    .addValue("onGround", observation.getOnGround(), Types.BOOLEAN)
                    .addValue("groundSpeedMps", observation.getGroundSpeedMps(), Types.DOUBLE)
                    .addValue("trackDeg", observation.getTrackDeg(), Types.DOUBLE)
                    .addValue("verticalRateMps", observation.getVerticalRateMps(), Types.DOUBLE);
        }
    }

    /** Observations of 10,000 aircraft in turn, 1,000 distinct ones per batch, each newer than the aircraft's last. */
    private static final class Traffic {
        private int next;
        private long millis;

        List<AircraftObservation> nextBatch() {
            List<AircraftObservation> batch = new ArrayList<>(BATCH);
            millis += 1_000;
            for (int n = 0; n < BATCH; n++) {
                int i = next;
                next = (next + 1) % AIRCRAFT;
                batch.add(AircraftObservation.newBuilder()
                        .setIcao24(Integer.toHexString(10485760 + i))
                        .setObservedAt(T0.plusMillis(millis))
                        .setPositionAt(T0.plusMillis(millis))
                        .setCallsign("TEST1")
                        .setOriginCountry("Test")
                        .setLatitude(40 + (i % 100) * 0.01)
                        .setLongitude(-10 + (i / 100) * 0.01 + millis * 1e-7)
                        .setBarometricAltitudeM(10_000.0)
                        .setGeometricAltitudeM(10_050.0)
                        .setOnGround(false)
                        .setGroundSpeedMps(230.0)
                        .setTrackDeg(90.0)
                        .setVerticalRateMps(0.0)
                        .setSquawk("1000")
                        .setSource("measurement")
                        .build());
            }
            return batch;
        }
    }
}
