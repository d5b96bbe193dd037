package dev.contrail.domain.airspace;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An aircraft that was inside the airspace is no longer: it flew out, or its flight was lost. {@code volumeId} per
 * {@link AirspaceVolume#idOf}.
 */
public record RecordExit(@TargetAggregateIdentifier String volumeId, String icao24, String flightId, Instant at,
                         AircraftPosition position, ExitReason reason) {
}
