package dev.contrail.domain.flighttracking;

import java.time.Instant;

/** The aircraft reported a new position during its flight. */
public record PositionReported(
        String icao24,
        String flightId,
        Instant observedAt,
        Position position,
        boolean onGround,
        Double groundSpeedMps,
        Double trackDeg,
        Double verticalRateMps) {
}
