package dev.contrail.domain.airspace;

import java.time.Instant;

/** More aircraft are inside the airspace than its capacity. Raised once when it goes over. */
public record CapacityExceeded(String airspaceId, Instant at, int occupants, int capacity) {
}
