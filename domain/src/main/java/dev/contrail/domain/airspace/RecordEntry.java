package dev.contrail.domain.airspace;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An aircraft was found clearly inside the airspace, having been outside. {@code volumeId} per {@link AirspaceVolume#idOf}. */
public record RecordEntry(@TargetAggregateIdentifier String volumeId, String icao24, String flightId, Instant at,
                          AircraftPosition position) {
}
