package dev.contrail.domain.airspace;

import java.time.Instant;

/** An airspace's boundary, vertical limits, name or capacity changed; {@code definition} is the whole new one. */
public record AirspaceChanged(String airspaceId, AirspaceDefinition definition, Instant changedAt) {
}
