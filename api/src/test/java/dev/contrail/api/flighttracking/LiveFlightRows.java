package dev.contrail.api.flighttracking;

import dev.contrail.projections.ProjectionRegistry;
import dev.contrail.readmodels.flighttracking.LiveFlightsProjection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rows of the live-flights table written straight into the serving generation, as the projection leaves them, for
 * the query tests: they decide every column, including the ones only a topic's first word leaves empty.
 *
 * <p>By default an aircraft is complete, airborne, not lost, over Fiji near the antimeridian at (-16, 179.5), where none
 * of the traffic other tests put on the shared broker flies.
 */
final class LiveFlightRows {

    static final Instant HEARD_AT = Instant.parse("2026-11-26T12:00:00Z");

    private final ProjectionRegistry projections;

    LiveFlightRows(ProjectionRegistry projections) {
        this.projections = projections;
    }

    /**
     * Writes the aircraft's row: the defaults, with the given columns (name, value, name, value...) instead. A null
     * value leaves the column empty.
     */
    void aircraft(String icao24, Object... columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("icao24", icao24);
        row.put("flight_id", icao24 + "-" + HEARD_AT.getEpochSecond());
        row.put("callsign", "FJI910");
        row.put("origin_country", "Fiji");
        row.put("latitude", -16.0);
        row.put("longitude", 179.5);
        row.put("barometric_altitude_m", 9000.0);
        row.put("geometric_altitude_m", 9100.0);
        row.put("on_ground", false);
        row.put("ground_speed_mps", 230.0);
        row.put("track_deg", 90.0);
        row.put("vertical_rate_mps", 0.0);
        row.put("squawk", "1200");
        row.put("first_seen", HEARD_AT);
        row.put("last_seen", HEARD_AT.plusSeconds(60));
        row.put("last_sequence", 1L);
        for (int i = 0; i < columns.length; i += 2) {
            row.put((String) columns[i], columns[i + 1]);
        }
        row.replaceAll((column, value) -> value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        String names = String.join(", ", row.keySet());
        String values = row.keySet().stream().map(column -> ":" + column).collect(Collectors.joining(", "));
        projections.serving(LiveFlightsProjection.NAME).jdbc().update("INSERT INTO live_flight (" + names + ") VALUES (" + values + ")", row);
    }
}
