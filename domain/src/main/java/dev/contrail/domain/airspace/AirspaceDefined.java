package dev.contrail.domain.airspace;

import java.time.Instant;

/** An airspace came into existence (or back after being retired). */
public record AirspaceDefined(String airspaceId, AirspaceDefinition definition, Instant definedAt) {
}
