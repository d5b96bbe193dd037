package dev.contrail.domain.flighttracking;

import java.time.Instant;
import java.util.List;

/**
 * The aircraft touched down: its flight has ended, though it is still tracked while it taxies. Recorded once the
 * touchdown is confirmed (ADR 0022), dated and placed at the first report on the ground.
 *
 * @param approach the aircraft's last reported positions before the touchdown, oldest first (ADR 0023); may be empty
 */
public record Landed(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps, Double trackDeg,
                     List<TrackPoint> approach) {

    public Landed {
        approach = TrackPoint.listOf(approach);
    }

    public Landed(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps, Double trackDeg) {
        this(icao24, flightId, observedAt, position, groundSpeedMps, trackDeg, List.of());
    }
}
