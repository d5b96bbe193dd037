package dev.contrail.domain.flighttracking;

import java.time.Instant;
import java.util.List;

/**
 * A flying aircraft reported being on the ground (ADR 0022). Not yet a landing: real surveillance claims the ground for
 * single reports of aircraft hundreds of metres up. The next report on the ground, or the aircraft falling silent,
 * confirms it as a {@link Landed} dated here; the next report in the air makes it a {@link GroundStateFlickered}.
 * Internal to Flight Tracking: not published.
 *
 * @param approach the positions reported before, oldest first
 */
public record TouchdownReported(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps,
                                Double trackDeg, List<TrackPoint> approach) {

    public TouchdownReported {
        approach = TrackPoint.listOf(approach);
    }
}
