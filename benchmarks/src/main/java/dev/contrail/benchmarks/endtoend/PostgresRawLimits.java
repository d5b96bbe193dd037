package dev.contrail.benchmarks.endtoend;

import dev.contrail.schemas.opensky.OpenSkyStateVector;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's raw limits on this machine, with the rows Contrail gets: COPY of the state vectors as a table (the
 * ceiling for writing them), and the bounding-box query over one row per aircraft with plain JDBC (the ceiling for
 * figure 3). No Contrail code runs here.
 */
final class PostgresRawLimits {

    private static final String COLUMNS = "icao24, callsign, origin_country, time_position, last_contact, longitude, latitude, "
            + "baro_altitude, on_ground, velocity, true_track, vertical_rate, geo_altitude, squawk, spi, position_source, "
            + "snapshot_time, source";
    private static final String TABLE_COLUMNS = """
            icao24 VARCHAR(6) NOT NULL, callsign VARCHAR(8), origin_country VARCHAR(64), time_position BIGINT,
            last_contact BIGINT, longitude DOUBLE PRECISION, latitude DOUBLE PRECISION, baro_altitude DOUBLE PRECISION,
            on_ground BOOLEAN, velocity DOUBLE PRECISION, true_track DOUBLE PRECISION, vertical_rate DOUBLE PRECISION,
            geo_altitude DOUBLE PRECISION, squawk VARCHAR(4), spi BOOLEAN, position_source INTEGER, snapshot_time BIGINT NOT NULL,
            source VARCHAR(64) NOT NULL""";

    private final String jdbcUrl;
    private final String user;

    PostgresRawLimits(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** The state vectors in COPY's text format, rendered before the clock starts. */
    static byte[] copyText(List<OpenSkyStateVector> vectors) {
        var out = new StringBuilder(vectors.size() * 200);
        for (OpenSkyStateVector v : vectors) {
            out.append(v.getIcao24()).append('\t');
            field(out, v.getCallsign()).append('\t');
            field(out, v.getOriginCountry()).append('\t');
            field(out, v.getTimePosition()).append('\t');
            field(out, v.getLastContact()).append('\t');
            field(out, v.getLongitude()).append('\t');
            field(out, v.getLatitude()).append('\t');
            field(out, v.getBaroAltitude()).append('\t');
            field(out, v.getOnGround()).append('\t');
            field(out, v.getVelocity()).append('\t');
            field(out, v.getTrueTrack()).append('\t');
            field(out, v.getVerticalRate()).append('\t');
            field(out, v.getGeoAltitude()).append('\t');
            field(out, v.getSquawk()).append('\t');
            field(out, v.getSpi()).append('\t');
            field(out, v.getPositionSource()).append('\t');
            out.append(v.getSnapshotTime()).append('\t');
            out.append(v.getSource()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder out, Object value) {
        // Our values hold no tabs, newlines or backslashes: only NULL needs COPY's escape.
        return value == null ? out.append("\\N") : out.append(value);
    }

    /** Rows/s of {@code COPY ... FROM STDIN} into a fresh logged table (a new one per call). */
    double copy(byte[] copyText, int rows, String table) throws Exception {
        try (Connection connection = connect()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table);
                statement.execute("CREATE TABLE " + table + " (" + TABLE_COLUMNS + ")");
            }
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            long copied = copy.copyIn("COPY " + table + " (" + COLUMNS + ") FROM STDIN", new ByteArrayInputStream(copyText), 64 * 1024);
            long elapsed = System.nanoTime() - start;
            if (copied != rows) {
                throw new IllegalStateException("COPY wrote " + copied + " rows, expected " + rows);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + table);
            }
            return KafkaRawLimits.perSecond(rows, elapsed);
        }
    }

    /** Throughput and latency of bounding-box queries. */
    record Queries(double queriesPerSecond, long p50Nanos, long p99Nanos, long maxNanos, double meanRows) {
    }

    /**
     * The bounding-box query of {@code flights(within:, first: 100)} in plain SQL over one row per aircraft, with the
     * live-flight table's btree on (latitude, longitude), from {@code clients} threads for {@code duration}.
     */
    Queries boundingBoxQueries(List<OpenSkyStateVector> latestPerAircraft, int clients, Duration duration,
                               Supplier<ViewportBoxes> boxes) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_live");
            statement.execute("CREATE TABLE bench_live (" + TABLE_COLUMNS + ", PRIMARY KEY (icao24))");
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Map<String, OpenSkyStateVector> unique = new LinkedHashMap<>();
            latestPerAircraft.forEach(v -> unique.put(v.getIcao24(), v));
            copy.copyIn("COPY bench_live (" + COLUMNS + ") FROM STDIN", new ByteArrayInputStream(copyText(new ArrayList<>(unique.values()))));
            statement.execute("CREATE INDEX bench_live_latitude_longitude ON bench_live (latitude, longitude)");
            statement.execute("ANALYZE bench_live");
        }
        String sql = "SELECT icao24 FROM bench_live WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ? "
                + "ORDER BY icao24 LIMIT 101";
        var results = new ArrayList<Stats.Samples>();
        var rowCounts = new long[clients];
        var threads = new ArrayList<Thread>();
        long end = System.nanoTime() + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            var samples = new Stats.Samples();
            results.add(samples);
            int client = c;
            ViewportBoxes clientBoxes = boxes.get();
            threads.add(new Thread(() -> {
                try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
                    while (System.nanoTime() < end) {
                        ViewportBoxes.Box box = clientBoxes.next();
                        long start = System.nanoTime();
                        query.setDouble(1, box.south());
                        query.setDouble(2, box.north());
                        query.setDouble(3, box.west());
                        query.setDouble(4, box.east());
                        int rows = 0;
                        try (ResultSet resultSet = query.executeQuery()) {
                            while (resultSet.next()) {
                                resultSet.getString(1);
                                rows++;
                            }
                        }
                        samples.add(System.nanoTime() - start);
                        rowCounts[client] += rows;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, "raw-limit-query-" + c));
        }
        long elapsed = Stats.runTogether(threads);
        var all = Stats.merged(results);
        long rows = 0;
        for (long count : rowCounts) {
            rows += count;
        }
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE bench_live");
        }
        return new Queries(KafkaRawLimits.perSecond(all.size(), elapsed), all.percentile(50), all.percentile(99), all.max(),
                (double) rows / all.size());
    }

    Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        return DriverManager.getConnection(jdbcUrl, properties);
    }
}
