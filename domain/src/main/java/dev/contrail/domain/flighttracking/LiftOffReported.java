package dev.contrail.domain.flighttracking;

import java.time.Instant;
import java.util.List;

/**
 * An aircraft on the ground reported being in the air (ADR 0022). Not yet a take-off: the next report in the air, or
 * the aircraft falling silent, confirms it as a {@link TookOff} dated here; the next report on the ground makes it a
 * {@link GroundStateFlickered}. Internal to Flight Tracking: not published.
 *
 * @param takeOffRoll the positions reported before, oldest first
 */
public record LiftOffReported(String icao24, String flightId, Instant observedAt, Position position, Double groundSpeedMps,
                              Double trackDeg, List<TrackPoint> takeOffRoll) {

    public LiftOffReported {
        takeOffRoll = TrackPoint.listOf(takeOffRoll);
    }
}
