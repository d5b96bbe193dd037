package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.QuerySide;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Traffic statistics, computed at query time by PostgreSQL from the per-aircraft minutes the traffic-stats
 * projection keeps (see {@link TrafficStatsProjection} for why). Aggregations rather than entities, so plain SQL
 * rather than JPA. The four statements run in one repeatable-read transaction, so that they all see the same
 * minutes while the projection keeps writing.
 */
@Transactional(transactionManager = QuerySide.TRANSACTION_MANAGER, readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class TrafficStatsQueries {

    public static final Duration SHORTEST_WINDOW = Duration.ofMinutes(1);
    public static final Duration LONGEST_WINDOW = Duration.ofHours(24);
    public static final int MAX_TOP = 50;

    /**
     * Each aircraft heard in the window, once: its ground state at its latest observation, its latest reported
     * callsign and origin country, and its maxima over all its minutes. COLLATE "C" orders text by code point, as
     * Java does, so that the order does not depend on the database's locale.
     */
    private static final String HEARD = """
            WITH heard AS (
                SELECT icao24,
                       max(last_observed_at) AS last_seen,
                       (array_agg(on_ground ORDER BY last_observed_at DESC))[1] AS on_ground,
                       (array_agg(callsign ORDER BY callsign_at DESC) FILTER (WHERE callsign IS NOT NULL))[1] AS callsign,
                       (array_agg(origin_country ORDER BY origin_country_at DESC)
                            FILTER (WHERE origin_country IS NOT NULL))[1] AS origin_country,
                       max(max_ground_speed_mps) AS ground_speed_mps,
                       max(max_barometric_altitude_m) AS barometric_altitude_m
                FROM traffic_minute
                WHERE minute >= :from AND minute < :to
                GROUP BY icao24)
            """;

    private static final String TOTALS = HEARD + """
            SELECT count(*) AS aircraft,
                   count(*) FILTER (WHERE NOT on_ground) AS airborne,
                   count(*) FILTER (WHERE on_ground) AS on_ground
            FROM heard
            """;

    private static final String BY_ORIGIN_COUNTRY = HEARD + """
            SELECT origin_country, count(*) AS aircraft
            FROM heard
            GROUP BY origin_country
            ORDER BY aircraft DESC, origin_country COLLATE "C" NULLS LAST
            """;

    private static final String FASTEST = HEARD + """
            SELECT * FROM heard
            WHERE ground_speed_mps IS NOT NULL
            ORDER BY ground_speed_mps DESC, icao24 COLLATE "C"
            LIMIT :top
            """;

    private static final String HIGHEST = HEARD + """
            SELECT * FROM heard
            WHERE barometric_altitude_m IS NOT NULL
            ORDER BY barometric_altitude_m DESC, icao24 COLLATE "C"
            LIMIT :top
            """;

    private static final RowMapper<TrafficStats.AircraftTraffic> AIRCRAFT = TrafficStatsQueries::aircraftTraffic;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    TrafficStatsQueries(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The traffic of the last {@code window}, in whole minutes: from the minute that was current {@code window} ago
     * to the end of the current one, so the window covered is never shorter than asked (at most a minute longer).
     *
     * @param top how many aircraft the fastest and highest lists hold at most
     */
    public TrafficStats stats(Duration window, int top) {
        if (window == null || window.compareTo(SHORTEST_WINDOW) < 0 || window.compareTo(LONGEST_WINDOW) > 0) {
            throw new IllegalArgumentException("the window must be within [" + SHORTEST_WINDOW + ", " + LONGEST_WINDOW + "], was " + window);
        }
        if (top < 1 || top > MAX_TOP) {
            throw new IllegalArgumentException("top must be within [1, " + MAX_TOP + "], was " + top);
        }
        Instant now = clock.instant();
        Instant from = TrafficStats.minuteOf(now.minus(window));
        Instant to = TrafficStats.minuteOf(now).plus(1, ChronoUnit.MINUTES);
        var parameters = new MapSqlParameterSource()
                .addValue("from", Timestamp.from(from))
                .addValue("to", Timestamp.from(to))
                .addValue("top", top);
        record Totals(int aircraft, int airborne, int onGround) {
        }
        Totals totals = jdbc.queryForObject(TOTALS, parameters,
                (row, n) -> new Totals(row.getInt("aircraft"), row.getInt("airborne"), row.getInt("on_ground")));
        List<TrafficStats.CountryTraffic> byOriginCountry = jdbc.query(BY_ORIGIN_COUNTRY, parameters,
                (row, n) -> new TrafficStats.CountryTraffic(row.getString("origin_country"), row.getInt("aircraft")));
        return new TrafficStats(window, from, to, totals.aircraft(), totals.airborne(), totals.onGround(), byOriginCountry,
                jdbc.query(FASTEST, parameters, AIRCRAFT), jdbc.query(HIGHEST, parameters, AIRCRAFT));
    }

    private static TrafficStats.AircraftTraffic aircraftTraffic(ResultSet row, int rowNumber) throws SQLException {
        return new TrafficStats.AircraftTraffic(
                row.getString("icao24"),
                row.getString("callsign"),
                row.getString("origin_country"),
                row.getBoolean("on_ground"),
                row.getObject("ground_speed_mps", Double.class),
                row.getObject("barometric_altitude_m", Double.class),
                row.getTimestamp("last_seen").toInstant());
    }
}
