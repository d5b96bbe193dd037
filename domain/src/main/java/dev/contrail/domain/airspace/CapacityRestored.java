package dev.contrail.domain.airspace;

import java.time.Instant;

/** An airspace that was over its capacity is back within it. Raised once when it returns. */
public record CapacityRestored(String airspaceId, Instant at, int occupants, int capacity) {
}
