package dev.contrail.readmodels.flighttracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Queries on the live-flights read model: one plain SQL statement each on the view {@code live_flight}, which
 * points at the serving generation (ADR 0010), keyset-paged by icao24 (ADR 0019).
 *
 * <p>No transaction: each query is a single statement, which sees one snapshot on its own.
 */
public class LiveFlightQueries {

    public static final int MAX_PAGE_SIZE = 1_000;

    /** The columns {@link JdbcLiveFlightWriter#ROW_MAPPER} reads. */
    private static final String SELECT = """
            SELECT icao24, flight_id, callsign, origin_country, latitude, longitude, barometric_altitude_m,
                   geometric_altitude_m, on_ground, ground_speed_mps, track_deg, vertical_rate_mps, squawk, emergency,
                   first_seen, last_seen, took_off_at, landed_at, lost
            FROM live_flight
            """;
    /** Only rows both topics have written are a {@link LiveFlight} (see there). */
    private static final String COMPLETE = "flight_id IS NOT NULL AND last_seen IS NOT NULL";

    private final NamedParameterJdbcTemplate jdbc;

    LiveFlightQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of aircraft in icao24 order, and whether more follow. */
    public record Page(List<LiveFlight> flights, boolean hasNext) {
    }

    /** The aircraft's current state, lost or not; empty until both topics have told about it. */
    public Optional<LiveFlight> flight(String icao24) {
        List<LiveFlight> found = jdbc.query(SELECT + "WHERE icao24 = :icao24 AND " + COMPLETE,
                new MapSqlParameterSource("icao24", icao24), JdbcLiveFlightWriter.ROW_MAPPER);
        return found.stream().findFirst();
    }

    /**
     * Aircraft with a position that match the filter, ordered by icao24, one page at a time: pass the icao24 of the
     * previous page's last aircraft, and the same filter, to get the next.
     *
     * @param afterIcao24 null for the first page
     */
    public Page flights(LiveFlightFilter filter, String afterIcao24, int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be within [1, " + MAX_PAGE_SIZE + "], was " + pageSize);
        }
        // Complete rows only, and only those with a position: this is a map.
        var conditions = new ArrayList<>(List.of(COMPLETE, "latitude IS NOT NULL", "longitude IS NOT NULL"));
        var parameters = new MapSqlParameterSource("limit", pageSize + 1);
        if (!filter.includeLost()) {
            conditions.add("NOT lost");
        }
        BoundingBox box = filter.within();
        if (box != null) {
            conditions.add("latitude BETWEEN :south AND :north");
            conditions.add(box.crossesAntimeridian() ? "(longitude >= :west OR longitude <= :east)" : "longitude BETWEEN :west AND :east");
            parameters.addValue("south", box.south()).addValue("north", box.north()).addValue("west", box.west()).addValue("east", box.east());
        }
        if (filter.minAltitudeM() != null) {
            conditions.add("barometric_altitude_m >= :minAltitude");
            parameters.addValue("minAltitude", filter.minAltitudeM());
        }
        if (filter.maxAltitudeM() != null) {
            conditions.add("barometric_altitude_m <= :maxAltitude");
            parameters.addValue("maxAltitude", filter.maxAltitudeM());
        }
        if (filter.onGround() != null) {
            conditions.add("on_ground = :onGround");
            parameters.addValue("onGround", filter.onGround());
        }
        if (filter.originCountry() != null) {
            conditions.add("lower(origin_country) = :originCountry");
            parameters.addValue("originCountry", filter.originCountry().toLowerCase(Locale.ROOT));
        }
        if (filter.callsignPrefix() != null) {
            conditions.add("upper(callsign) LIKE :callsignPrefix ESCAPE '\\'");
            parameters.addValue("callsignPrefix", likePrefix(filter.callsignPrefix().toUpperCase(Locale.ROOT)));
        }
        if (afterIcao24 != null) {
            conditions.add("icao24 > :after");
            parameters.addValue("after", afterIcao24);
        }
        // One more row than asked for tells whether another page follows.
        String sql = SELECT + "WHERE " + String.join(" AND ", conditions) + " ORDER BY icao24 LIMIT :limit";
        List<LiveFlight> rows = jdbc.query(sql, parameters, JdbcLiveFlightWriter.ROW_MAPPER);
        boolean hasNext = rows.size() > pageSize;
        return new Page(hasNext ? List.copyOf(rows.subList(0, pageSize)) : rows, hasNext);
    }

    /** A LIKE pattern for "starts with", the prefix's own wildcards taken literally. */
    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
