package dev.contrail.readmodels.airport;

import dev.contrail.readmodels.projection.QuerySide;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/** The boards and the busiest airports, from the airport-movements read model. */
@Transactional(transactionManager = QuerySide.TRANSACTION_MANAGER, readOnly = true)
public class MovementQueries {

    public static final int MAX_MOVEMENTS = 1_000;
    public static final int MAX_AIRPORTS = 100;
    public static final Duration SHORTEST_WINDOW = Duration.ofHours(1);
    public static final Duration LONGEST_WINDOW = Duration.ofDays(31);

    // Two statements rather than one with "(CAST(:since AS TIMESTAMPTZ) IS NULL OR occurred_at >= :since)" bound as
    // Types.TIMESTAMP_WITH_TIMEZONE, which failed for every since (issue 12; PgJDBC: "Cannot cast an instance of
    // java.sql.Timestamp to type Types.TIMESTAMP_WITH_TIMEZONE"): the board without a lower bound, and with one.
    private static final String BOARD = """
            SELECT * FROM airport_movement
            WHERE airport_ident = :airport AND kind = :kind
            ORDER BY occurred_at DESC, movement_id COLLATE "C"
            LIMIT :first
            """;

    private static final String BOARD_SINCE = """
            SELECT * FROM airport_movement
            WHERE airport_ident = :airport AND kind = :kind AND occurred_at >= :since
            ORDER BY occurred_at DESC, movement_id COLLATE "C"
            LIMIT :first
            """;

    private static final String BUSIEST = """
            SELECT airport_ident, sum(departures) AS departures, sum(arrivals) AS arrivals
            FROM airport_movement_hour
            WHERE hour >= :from AND hour < :to
            GROUP BY airport_ident
            ORDER BY sum(departures) + sum(arrivals) DESC, airport_ident COLLATE "C"
            LIMIT :first
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public MovementQueries(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One airport's movements of one kind, newest first, since {@code since} (inclusive; null for any time). */
    public List<AirportMovementView> board(String airportIdent, String kind, Instant since, int first) {
        if (first < 1 || first > MAX_MOVEMENTS) {
            throw new IllegalArgumentException("the number of movements must be within [1, " + MAX_MOVEMENTS + "], was " + first);
        }
        var parameters = new MapSqlParameterSource()
                .addValue("airport", airportIdent)
                .addValue("kind", kind)
                .addValue("first", first);
        if (since == null) {
            return jdbc.query(BOARD, parameters, MovementQueries::movement);
        }
        parameters.addValue("since", Timestamp.from(since));
        return jdbc.query(BOARD_SINCE, parameters, MovementQueries::movement);
    }

    /** An airport's departures and arrivals over a window of whole hours. */
    public record BusyAirport(String airportIdent, int departures, int arrivals) {
        public int movements() {
            return departures + arrivals;
        }
    }

    /** The window the busiest airports were counted over: whole hours, {@code from} inclusive, {@code to} exclusive. */
    public record Busiest(Instant from, Instant to, List<BusyAirport> airports) {
    }

    /**
     * The airports with the most departures and arrivals in the {@code window} that ends with the hour of {@code until}
     * (now when null), in whole hours: from the hour that was current {@code window} before it to the end of its hour.
     */
    public Busiest busiest(Duration window, Instant until, int first) {
        if (window == null || window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("the window must be within [" + SHORTEST_WINDOW + ", " + LONGEST_WINDOW + "], was " + window);
        }
        if (first < 1 || first > MAX_AIRPORTS) {
            throw new IllegalArgumentException("the number of airports must be within [1, " + MAX_AIRPORTS + "], was " + first);
        }
        Instant end = until == null ? clock.instant() : until;
        Instant from = end.minus(window).truncatedTo(ChronoUnit.HOURS);
        Instant to = end.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        var parameters = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to))
                .addValue("first", first);
        return new Busiest(from, to, jdbc.query(BUSIEST, parameters,
                (row, n) -> new BusyAirport(row.getString("airport_ident"), row.getInt("departures"), row.getInt("arrivals"))));
    }

    static AirportMovementView movement(ResultSet row, int n) throws SQLException {
        return new AirportMovementView(row.getString("movement_id"), row.getString("airport_ident"), row.getString("kind"),
                row.getString("flight_id"), row.getString("icao24"), row.getString("callsign"), row.getString("runway"),
                row.getTimestamp("occurred_at").toInstant(), row.getDouble("latitude"), row.getDouble("longitude"));
    }
}
