package dev.contrail.readmodels.airport;

import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes the boards and the hourly counts. Each is one statement, so each is atomic on its own: the board row by
 * {@code ON CONFLICT DO NOTHING}; the count by a movement-id ledger whose insert gates the increment in the same
 * statement. A redelivery, in any order, leaves both tables unchanged.
 */
public class MovementJdbcWriter implements MovementWriter {

    private static final String INSERT_BOARD = """
            INSERT INTO airport_movement (movement_id, airport_ident, kind, flight_id, icao24, callsign, runway, occurred_at, latitude, longitude)
            VALUES (:movementId, :airportIdent, :kind, :flightId, :icao24, :callsign, :runway, :occurredAt, :latitude, :longitude)
            ON CONFLICT (movement_id) DO NOTHING
            """;

    private static final String COUNT = """
            WITH counted AS (
                INSERT INTO airport_movement_counted (movement_id) VALUES (:movementId)
                ON CONFLICT (movement_id) DO NOTHING
                RETURNING movement_id)
            INSERT INTO airport_movement_hour (airport_ident, hour, departures, arrivals)
            SELECT :airportIdent, :hour, :departures, :arrivals FROM counted
            ON CONFLICT (airport_ident, hour) DO UPDATE SET
                departures = airport_movement_hour.departures + EXCLUDED.departures,
                arrivals = airport_movement_hour.arrivals + EXCLUDED.arrivals
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public MovementJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean record(AirportMovementView movement) {
        boolean departure = "DEPARTURE".equals(movement.kind());
        var parameters = new MapSqlParameterSource()
                .addValue("movementId", movement.movementId())
                .addValue("airportIdent", movement.airportIdent())
                .addValue("kind", movement.kind())
                .addValue("flightId", movement.flightId())
                .addValue("icao24", movement.icao24())
                .addValue("callsign", movement.callsign())
                .addValue("runway", movement.runway())
                .addValue("occurredAt", Timestamp.from(movement.occurredAt()))
                .addValue("latitude", movement.latitude())
                .addValue("longitude", movement.longitude())
                .addValue("hour", Timestamp.from(movement.occurredAt().truncatedTo(ChronoUnit.HOURS)))
                .addValue("departures", departure ? 1 : 0)
                .addValue("arrivals", departure ? 0 : 1);
        // Counted first: should the board insert fail after it, the redelivery finds the count done and lists the movement.
        jdbc.update(COUNT, parameters);
        return jdbc.update(INSERT_BOARD, parameters) > 0;
    }
}
