package dev.contrail.domain.flighttracking;

import java.time.Instant;

/**
 * A change of ground state that the next report contradicted (ADR 0022): the aircraft claimed the ground (or the air)
 * at {@code reportedAt} and was back in its previous state at {@code contradictedAt}. Neither a landing nor a take-off;
 * recorded so that the aircraft's history says why. Internal to Flight Tracking: not published.
 *
 * @param claimedOnGround what the contradicted report claimed
 */
public record GroundStateFlickered(String icao24, String flightId, Instant reportedAt, boolean claimedOnGround, Instant contradictedAt) {
}
