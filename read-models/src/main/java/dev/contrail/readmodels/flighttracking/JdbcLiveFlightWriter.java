package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.FlightDetected;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import dev.contrail.schemas.flighttracking.PositionReported;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes the live-flights read model with one PostgreSQL upsert per event. The {@code WHERE last_sequence <}
 * guard makes every write idempotent, and {@code RETURNING} hands back the merged row in the same round trip
 * for the subscribers.
 */
public class JdbcLiveFlightWriter implements LiveFlightWriter {

    private static final String COLUMNS = "icao24, flight_id, callsign, origin_country, latitude, longitude, barometric_altitude_m, "
            + "geometric_altitude_m, on_ground, ground_speed_mps, track_deg, vertical_rate_mps, squawk, first_seen, last_seen";

    private static final String FLIGHT_DETECTED = """
            INSERT INTO live_flight (icao24, flight_id, callsign, origin_country, latitude, longitude, barometric_altitude_m,
                geometric_altitude_m, on_ground, ground_speed_mps, track_deg, vertical_rate_mps, squawk, first_seen, last_seen, last_sequence)
            VALUES (:icao24, :flightId, :callsign, :originCountry, :latitude, :longitude, :barometricAltitudeM,
                :geometricAltitudeM, :onGround, :groundSpeedMps, :trackDeg, :verticalRateMps, :squawk, :at, :at, :sequence)
            ON CONFLICT (icao24) DO UPDATE SET
                flight_id = EXCLUDED.flight_id, callsign = EXCLUDED.callsign, origin_country = EXCLUDED.origin_country,
                latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                barometric_altitude_m = EXCLUDED.barometric_altitude_m, geometric_altitude_m = EXCLUDED.geometric_altitude_m,
                on_ground = EXCLUDED.on_ground, ground_speed_mps = EXCLUDED.ground_speed_mps, track_deg = EXCLUDED.track_deg,
                vertical_rate_mps = EXCLUDED.vertical_rate_mps, squawk = EXCLUDED.squawk,
                first_seen = EXCLUDED.first_seen, last_seen = EXCLUDED.last_seen, last_sequence = EXCLUDED.last_sequence
            WHERE live_flight.last_sequence < EXCLUDED.last_sequence
            RETURNING %s
            """.formatted(COLUMNS);

    private static final String POSITION_REPORTED = """
            INSERT INTO live_flight (icao24, flight_id, latitude, longitude, barometric_altitude_m, geometric_altitude_m,
                on_ground, ground_speed_mps, track_deg, vertical_rate_mps, first_seen, last_seen, last_sequence)
            VALUES (:icao24, :flightId, :latitude, :longitude, :barometricAltitudeM, :geometricAltitudeM,
                :onGround, :groundSpeedMps, :trackDeg, :verticalRateMps, :at, :at, :sequence)
            ON CONFLICT (icao24) DO UPDATE SET
                flight_id = EXCLUDED.flight_id, latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                barometric_altitude_m = EXCLUDED.barometric_altitude_m, geometric_altitude_m = EXCLUDED.geometric_altitude_m,
                on_ground = EXCLUDED.on_ground, ground_speed_mps = EXCLUDED.ground_speed_mps, track_deg = EXCLUDED.track_deg,
                vertical_rate_mps = EXCLUDED.vertical_rate_mps, last_seen = EXCLUDED.last_seen, last_sequence = EXCLUDED.last_sequence
            WHERE live_flight.last_sequence < EXCLUDED.last_sequence
            RETURNING %s
            """.formatted(COLUMNS);

    static final RowMapper<LiveFlight> ROW_MAPPER = JdbcLiveFlightWriter::liveFlight;

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcLiveFlightWriter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<LiveFlight> apply(FlightTrackingEvent event) {
        var parameters = new MapSqlParameterSource()
                .addValue("icao24", event.getIcao24())
                .addValue("flightId", event.getFlightId())
                .addValue("at", Timestamp.from(event.getOccurredAt()))
                .addValue("sequence", event.getSequence());
        String sql;
        if (event.getPayload() instanceof FlightDetected detected) {
            position(parameters, detected.getPosition())
                    .addValue("callsign", detected.getCallsign())
                    .addValue("originCountry", detected.getOriginCountry())
                    .addValue("onGround", detected.getOnGround())
                    .addValue("groundSpeedMps", detected.getGroundSpeedMps())
                    .addValue("trackDeg", detected.getTrackDeg())
                    .addValue("verticalRateMps", detected.getVerticalRateMps())
                    .addValue("squawk", detected.getSquawk());
            sql = FLIGHT_DETECTED;
        } else if (event.getPayload() instanceof PositionReported reported) {
            position(parameters, reported.getPosition())
                    .addValue("onGround", reported.getOnGround())
                    .addValue("groundSpeedMps", reported.getGroundSpeedMps())
                    .addValue("trackDeg", reported.getTrackDeg())
                    .addValue("verticalRateMps", reported.getVerticalRateMps());
            sql = POSITION_REPORTED;
        } else {
            return Optional.empty();
        }
        List<LiveFlight> changed = jdbc.query(sql, parameters, ROW_MAPPER);
        return changed.stream().findFirst();
    }

    private static MapSqlParameterSource position(MapSqlParameterSource parameters, Position position) {
        return parameters
                .addValue("latitude", position == null ? null : position.getLatitude())
                .addValue("longitude", position == null ? null : position.getLongitude())
                .addValue("barometricAltitudeM", position == null ? null : position.getBarometricAltitudeM())
                .addValue("geometricAltitudeM", position == null ? null : position.getGeometricAltitudeM());
    }

    private static LiveFlight liveFlight(ResultSet row, int rowNumber) throws SQLException {
        return new LiveFlight(
                row.getString("icao24"),
                row.getString("flight_id"),
                row.getString("callsign"),
                row.getString("origin_country"),
                row.getObject("latitude", Double.class),
                row.getObject("longitude", Double.class),
                row.getObject("barometric_altitude_m", Double.class),
                row.getObject("geometric_altitude_m", Double.class),
                row.getBoolean("on_ground"),
                row.getObject("ground_speed_mps", Double.class),
                row.getObject("track_deg", Double.class),
                row.getObject("vertical_rate_mps", Double.class),
                row.getString("squawk"),
                row.getTimestamp("first_seen").toInstant(),
                row.getTimestamp("last_seen").toInstant());
    }
}
