package dev.contrail.domain.airspace;

import java.time.Instant;

/** An airspace no longer exists. Any aircraft inside left it first ({@link ExitReason#AIRSPACE_RETIRED}). */
public record AirspaceRetired(String airspaceId, Instant retiredAt) {
}
