package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.flighttracking.FlightRecord.Place;
import dev.contrail.schemas.flighttracking.EmergencyCleared;
import dev.contrail.schemas.flighttracking.EmergencyDeclared;
import dev.contrail.schemas.flighttracking.FlightLost;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import dev.contrail.schemas.flighttracking.Position;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes the emergencies read model, one statement per event, each idempotent by the aircraft's event sequence:
 * <ul>
 *   <li>a declaration is keyed by (icao24, its sequence), so a redelivered one finds its row and inserts nothing;</li>
 *   <li>a clearance ends only the aircraft's latest declaration before it, and only while that one is active, so a
 *       redelivered clearance finds it ended and a late one cannot end a newer emergency;</li>
 *   <li>a lost flight ends only emergencies declared before it that are still active.</li>
 * </ul>
 * {@code RETURNING} hands back the changed rows in the same round trip, for the subscribers.
 */
public class EmergencyJdbcWriter implements EmergencyWriter {

    private static final String COLUMNS = "icao24, declared_sequence, flight_id, kind, squawk, declared_at, "
            + "latitude, longitude, barometric_altitude_m, geometric_altitude_m, cleared_at, ended_by";

    private static final String DECLARED = """
            INSERT INTO emergency (icao24, declared_sequence, flight_id, kind, squawk, declared_at,
                latitude, longitude, barometric_altitude_m, geometric_altitude_m)
            VALUES (:icao24, :sequence, :flightId, :kind, :squawk, :at,
                :latitude, :longitude, :barometricAltitudeM, :geometricAltitudeM)
            ON CONFLICT (icao24, declared_sequence) DO NOTHING
            RETURNING %s
            """.formatted(COLUMNS);

    private static final String CLEARED = """
            UPDATE emergency SET cleared_at = :at, ended_by = 'CLEARED', ended_sequence = :sequence
            WHERE icao24 = :icao24 AND cleared_at IS NULL AND kind = :kind
              AND declared_sequence = (SELECT max(declared_sequence) FROM emergency
                                       WHERE icao24 = :icao24 AND declared_sequence < :sequence)
            RETURNING %s
            """.formatted(COLUMNS);

    private static final String FLIGHT_LOST = """
            UPDATE emergency SET cleared_at = :at, ended_by = 'FLIGHT_LOST', ended_sequence = :sequence
            WHERE icao24 = :icao24 AND cleared_at IS NULL AND declared_sequence < :sequence
            RETURNING %s
            """.formatted(COLUMNS);

    static final RowMapper<Emergency> ROW_MAPPER = EmergencyJdbcWriter::emergency;

    private final NamedParameterJdbcTemplate jdbc;

    public EmergencyJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Emergency> apply(FlightTrackingEvent event) {
        var parameters = new MapSqlParameterSource()
                .addValue("icao24", event.getIcao24())
                .addValue("flightId", event.getFlightId())
                .addValue("at", Timestamp.from(event.getOccurredAt()))
                .addValue("sequence", event.getSequence());
        String sql;
        if (event.getPayload() instanceof EmergencyDeclared declared) {
            Position position = declared.getPosition();
            parameters.addValue("kind", declared.getKind().name())
                    .addValue("squawk", declared.getSquawk())
                    .addValue("latitude", position == null ? null : position.getLatitude())
                    .addValue("longitude", position == null ? null : position.getLongitude())
                    .addValue("barometricAltitudeM", position == null ? null : position.getBarometricAltitudeM())
                    .addValue("geometricAltitudeM", position == null ? null : position.getGeometricAltitudeM());
            sql = DECLARED;
        } else if (event.getPayload() instanceof EmergencyCleared cleared) {
            parameters.addValue("kind", cleared.getKind().name());
            sql = CLEARED;
        } else if (event.getPayload() instanceof FlightLost) {
            sql = FLIGHT_LOST;
        } else {
            return List.of();
        }
        return jdbc.query(sql, parameters, ROW_MAPPER);
    }

    private static Emergency emergency(ResultSet row, int rowNumber) throws SQLException {
        Timestamp clearedAt = row.getTimestamp("cleared_at");
        String endedBy = row.getString("ended_by");
        return new Emergency(
                row.getString("icao24"),
                row.getLong("declared_sequence"),
                row.getString("flight_id"),
                Emergency.Kind.valueOf(row.getString("kind")),
                row.getString("squawk"),
                row.getTimestamp("declared_at").toInstant(),
                Place.of(row.getObject("latitude", Double.class), row.getObject("longitude", Double.class),
                        row.getObject("barometric_altitude_m", Double.class), row.getObject("geometric_altitude_m", Double.class)),
                clearedAt == null ? null : clearedAt.toInstant(),
                endedBy == null ? null : Emergency.End.valueOf(endedBy));
    }
}
