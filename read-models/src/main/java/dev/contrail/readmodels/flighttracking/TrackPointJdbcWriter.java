package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.JdbcBatches;
import dev.contrail.readmodels.projection.RejectedRecords;
import dev.contrail.readmodels.projection.SourceRecord;
import java.sql.Types;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes track points into {@code track_point}, staged and sent as JDBC batches ({@link JdbcBatches}, ADR 0020).
 * {@code ON CONFLICT DO NOTHING} on the key (icao24, observed_at) makes a redelivery a no-op.
 */
public class TrackPointJdbcWriter implements TrackPointWriter {

    private static final String INSERT = """
            INSERT INTO track_point (icao24, observed_at, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                on_ground, ground_speed_mps, track_deg, vertical_rate_mps)
            VALUES (:icao24, :observedAt, :latitude, :longitude, :barometricAltitudeM, :geometricAltitudeM,
                :onGround, :groundSpeedMps, :trackDeg, :verticalRateMps)
            ON CONFLICT (icao24, observed_at) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcBatches batches;

    public TrackPointJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, RejectedRecords.NONE);
    }

    /** @param rejected where the records go whose points the table refuses (ADR 0025) */
    public TrackPointJdbcWriter(NamedParameterJdbcTemplate jdbc, RejectedRecords rejected) {
        this.jdbc = jdbc;
        this.batches = new JdbcBatches(jdbc, rejected, INSERT);
    }

    @Override
    public boolean write(TrackPoint point) {
        return jdbc.update(INSERT, parameters(point)) == 1;
    }

    @Override
    public void stage(TrackPoint point) {
        batches.stage(INSERT, parameters(point));
    }

    @Override
    public void stage(TrackPoint point, SourceRecord source) {
        batches.stage(INSERT, parameters(point), source);
    }

    @Override
    public int staged() {
        return batches.staged();
    }

    @Override
    public void flush() {
        batches.flush();
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
