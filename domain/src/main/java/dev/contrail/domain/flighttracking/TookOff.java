package dev.contrail.domain.flighttracking;

import java.time.Instant;
import java.util.List;

/**
 * The aircraft left the ground. When it had landed before, this take-off starts a new flight: {@code flightId}
 * is the new flight's and {@code previousFlightId} the one that ended with that landing. Recorded once the lift-off
 * is confirmed (ADR 0022), dated and placed at the first report in the air.
 *
 * @param departureTrack the positions around the lift-off, oldest first (ADR 0023): the take-off roll before it and
 *                       the initial climb up to the report that confirmed it; may be empty
 */
public record TookOff(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps, Double trackDeg,
                      String previousFlightId, List<TrackPoint> departureTrack) {

    public TookOff {
        departureTrack = TrackPoint.listOf(departureTrack);
    }

    public TookOff(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps, Double trackDeg,
                   String previousFlightId) {
        this(icao24, flightId, observedAt, position, groundSpeedMps, trackDeg, previousFlightId, List.of());
    }
}
