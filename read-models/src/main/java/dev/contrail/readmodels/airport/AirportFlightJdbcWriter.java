package dev.contrail.readmodels.airport;

import java.sql.Timestamp;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Writes {@code airport_flight}: one upsert per record, each touching only its source's columns. A movement's
 * callsign fills the row only while Flight Tracking's events have not named one.
 */
public class AirportFlightJdbcWriter implements AirportFlightWriter {

    private static final String DEPARTURE = """
            INSERT INTO airport_flight (flight_id, icao24, callsign, origin_ident, departed_at, departure_runway)
            VALUES (:flightId, :icao24, :callsign, :airport, :at, :runway)
            ON CONFLICT (flight_id) DO UPDATE SET
                callsign = COALESCE(airport_flight.callsign, EXCLUDED.callsign),
                origin_ident = EXCLUDED.origin_ident, departed_at = EXCLUDED.departed_at, departure_runway = EXCLUDED.departure_runway
            """;

    private static final String ARRIVAL = """
            INSERT INTO airport_flight (flight_id, icao24, callsign, destination_ident, arrived_at, arrival_runway)
            VALUES (:flightId, :icao24, :callsign, :airport, :at, :runway)
            ON CONFLICT (flight_id) DO UPDATE SET
                callsign = COALESCE(airport_flight.callsign, EXCLUDED.callsign),
                destination_ident = EXCLUDED.destination_ident, arrived_at = EXCLUDED.arrived_at, arrival_runway = EXCLUDED.arrival_runway
            """;

    private static final String CALLSIGN = """
            INSERT INTO airport_flight (flight_id, icao24, callsign, callsign_sequence)
            VALUES (:flightId, :icao24, :callsign, :sequence)
            ON CONFLICT (flight_id) DO UPDATE SET callsign = EXCLUDED.callsign, callsign_sequence = EXCLUDED.callsign_sequence
            WHERE airport_flight.callsign_sequence IS NULL OR airport_flight.callsign_sequence < EXCLUDED.callsign_sequence
            """;

    private final NamedParameterJdbcTemplate jdbc;

    public AirportFlightJdbcWriter(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void movement(AirportMovementView movement) {
        jdbc.update("DEPARTURE".equals(movement.kind()) ? DEPARTURE : ARRIVAL, new MapSqlParameterSource()
                .addValue("flightId", movement.flightId())
                .addValue("icao24", movement.icao24())
                .addValue("callsign", movement.callsign())
                .addValue("airport", movement.airportIdent())
                .addValue("at", Timestamp.from(movement.occurredAt()))
                .addValue("runway", movement.runway()));
    }

    @Override
    public void callsign(String flightId, String icao24, String callsign, long sequence) {
        jdbc.update(CALLSIGN, new MapSqlParameterSource()
                .addValue("flightId", flightId)
                .addValue("icao24", icao24)
                .addValue("callsign", callsign)
                .addValue("sequence", sequence));
    }
}
