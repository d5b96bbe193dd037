package dev.contrail.readmodels.flighttracking;

import static dev.contrail.readmodels.flighttracking.ArrayStatements.bool;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.float8;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.text;
import static dev.contrail.readmodels.flighttracking.ArrayStatements.timestamps;

import dev.contrail.readmodels.projection.RejectedRecords;
import dev.contrail.readmodels.projection.RowByRow;
import dev.contrail.readmodels.projection.SourceRecord;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes track points into {@code track_point}, staged and written in batches (ADR 0020): a batch is collapsed to one
 * point per key and written by one multi-row statement ({@link ArrayStatements}, ADR 0030).
 * {@code ON CONFLICT DO NOTHING} on the key (icao24, observed_at) makes a redelivery a no-op, and the first of two
 * points with one key the one kept, as it was when each point was a statement of its own.
 */
public class TrackPointJdbcWriter implements TrackPointWriter {

    private static final String INSERT = """
            INSERT INTO track_point (icao24, observed_at, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                on_ground, ground_speed_mps, track_deg, vertical_rate_mps)
            VALUES (:icao24, :observedAt, :latitude, :longitude, :barometricAltitudeM, :geometricAltitudeM,
                :onGround, :groundSpeedMps, :trackDeg, :verticalRateMps)
            ON CONFLICT (icao24, observed_at) DO NOTHING
            """;

    /** {@link #INSERT} for a whole batch, from one array per column. */
    private static final String INSERT_ROWS = """
            INSERT INTO track_point (icao24, observed_at, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                on_ground, ground_speed_mps, track_deg, vertical_rate_mps)
            SELECT p.icao24, %s, p.latitude, p.longitude, p.barometric_altitude_m, p.geometric_altitude_m,
                p.on_ground, p.ground_speed_mps, p.track_deg, p.vertical_rate_mps
            FROM unnest(?::varchar[], ?::int8[], ?::float8[], ?::float8[], ?::float8[], ?::float8[], ?::bool[], ?::float8[], ?::float8[], ?::float8[])
                AS p(icao24, observed_at, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                     on_ground, ground_speed_mps, track_deg, vertical_rate_mps)
            ON CONFLICT (icao24, observed_at) DO NOTHING
            """.formatted(ArrayStatements.AT.formatted("p.observed_at"));

    /** A point is written at the latest when this many records are staged. */
    static final int SIZE = 2_000;

    private record Key(String icao24, Instant observedAt) {
    }

    private record Staged(TrackPoint point, SourceRecord source) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RejectedRecords rejected;
    // Guarded by this: the first point staged per key, in staging order.
    private final Map<Key, Staged> staged = new LinkedHashMap<>();
    private int count;

    public TrackPointJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, RejectedRecords.NONE);
    }

    /** @param rejected where the records go whose points the table refuses (ADR 0025) */
    public TrackPointJdbcWriter(NamedParameterJdbcTemplate jdbc, RejectedRecords rejected) {
        this.jdbc = jdbc;
        this.rejected = rejected;
    }

    @Override
    public boolean write(TrackPoint point) {
        return jdbc.update(INSERT, parameters(point)) == 1;
    }

    @Override
    public void stage(TrackPoint point) {
        stage(point, null);
    }

    @Override
    public synchronized void stage(TrackPoint point, SourceRecord source) {
        staged.putIfAbsent(new Key(point.icao24(), point.observedAt()), new Staged(point, source));
        if (++count >= SIZE) {
            flush();
        }
    }

    @Override
    public synchronized int staged() {
        return count;
    }

    @Override
    public synchronized void flush() {
        if (count == 0) {
            return;
        }
        List<Staged> rows = List.copyOf(staged.values());
        List<TrackPoint> points = rows.stream().map(Staged::point).toList();
        RowByRow.write("flight-tracks batch of " + rows.size() + " points", () -> ArrayStatements.update(jdbc.getJdbcTemplate(), INSERT_ROWS,
                        text("varchar", points, TrackPoint::icao24), timestamps(points, TrackPoint::observedAt),
                        float8(points, TrackPoint::latitude), float8(points, TrackPoint::longitude),
                        float8(points, TrackPoint::barometricAltitudeM), float8(points, TrackPoint::geometricAltitudeM),
                        bool(points, TrackPoint::onGround), float8(points, TrackPoint::groundSpeedMps),
                        float8(points, TrackPoint::trackDeg), float8(points, TrackPoint::verticalRateMps)),
                rows, row -> jdbc.update(INSERT, parameters(row.point())), Staged::source, rejected);
        staged.clear();
        count = 0;
    }

    private static MapSqlParameterSource parameters(TrackPoint point) {
        // Typed parameters: PostgreSQL then needs no round trip to learn the type of a null.
        return new MapSqlParameterSource()
                .addValue("icao24", point.icao24(), Types.VARCHAR)
                .addValue("observedAt", point.observedAt().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("latitude", point.latitude(), Types.DOUBLE)
                .addValue("longitude", point.longitude(), Types.DOUBLE)
                .addValue("barometricAltitudeM", point.barometricAltitudeM(), Types.DOUBLE)
                .addValue("geometricAltitudeM", point.geometricAltitudeM(), Types.DOUBLE)
                .addValue("onGround", point.onGround(), Types.BOOLEAN)
                .addValue("groundSpeedMps", point.groundSpeedMps(), Types.DOUBLE)
                .addValue("trackDeg", point.trackDeg(), Types.DOUBLE)
                .addValue("verticalRateMps", point.verticalRateMps(), Types.DOUBLE);
    }
}
