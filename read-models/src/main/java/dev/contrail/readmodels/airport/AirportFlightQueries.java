package dev.contrail.readmodels.airport;

import dev.contrail.readmodels.projection.QuerySide;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** Flights with their origin and destination airports. */
@Transactional(transactionManager = QuerySide.TRANSACTION_MANAGER, readOnly = true)
public class AirportFlightQueries {

    private final NamedParameterJdbcTemplate jdbc;

    public AirportFlightQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The flights with these ids that the read model knows, by flight id. */
    public Map<String, AirportFlightView> flights(Collection<String> flightIds) {
        Map<String, AirportFlightView> byId = new HashMap<>();
        if (flightIds.isEmpty()) {
            return byId;
        }
        jdbc.query("SELECT * FROM airport_flight WHERE flight_id IN (:ids)", new MapSqlParameterSource("ids", flightIds),
                (ResultSet row) -> {
                    AirportFlightView flight = flight(row);
                    byId.put(flight.flightId(), flight);
                });
        return byId;
    }

    private static AirportFlightView flight(ResultSet row) throws SQLException {
        return new AirportFlightView(row.getString("flight_id"), row.getString("icao24"), row.getString("callsign"), row.getString("origin_ident"),
                instant(row.getTimestamp("departed_at")), row.getString("departure_runway"), row.getString("destination_ident"),
                instant(row.getTimestamp("arrived_at")), row.getString("arrival_runway"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
