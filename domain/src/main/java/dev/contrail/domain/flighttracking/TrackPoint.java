package dev.contrail.domain.flighttracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One point of an aircraft's recent track, as surveillance reported it: where it was, whether it said it was on the
 * ground, how fast and which way it moved. Take-offs and landings carry the points around them (ADR 0023), so that
 * the runway can be told from the approach or the take-off roll and initial climb, not only from one fix.
 */
public record TrackPoint(Instant observedAt, Position position, boolean onGround, Double groundSpeedMps, Double trackDeg) {

    public TrackPoint {
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(position, "position");
    }

    /** A list of points as events keep it: never null (events stored before tracks existed have none), immutable. */
    static List<TrackPoint> listOf(List<TrackPoint> points) {
        return points == null ? List.of() : List.copyOf(points);
    }
}
