package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.JdbcBatches;
import java.sql.Types;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes track points into {@code track_point}, one insert per observation. {@code ON CONFLICT DO NOTHING} on the
 * key (icao24, observed_at) makes a redelivery a no-op.
 *
 * <p>Why one statement per record and no batch: a batch would be a buffer that outlives {@code process()}, and
 * Kafka Streams gives a processor no hook that runs before it commits the input offsets ({@code StateStore#flush}
 * runs after the commit, and only at checkpoints; a punctuator is not ordered with commits at all, nor run on a
 * rebalance). Offsets committed for points still in the buffer are points lost for good when the instance dies.
 * Flushing only when the batch fills leaves the same hole for the tail of the batch. A changelogged buffer store
 * would close it, at the price of writing every observation to Kafka once more. One insert per observation costs a
 * round trip and a commit each: 9,000–20,000 inserts/s measured here against the embedded PostgreSQL, whose commits
 * do not wait for the WAL (synchronous_commit=off); with synchronous commits each one adds an fdatasync (~82 µs,
 * LIMITS.md), which caps it near 12,000/s. Both are
 * well above OpenSky's global rate (~2,000 state vectors/s, LIMITS.md); revisit with a changelogged buffer when
 * they are not.
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
        this.jdbc = jdbc;
        this.batches = new JdbcBatches(jdbc, INSERT);
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
