package dev.contrail.domain.airspace;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The airspace no longer exists (its source no longer defines it). {@code volumeId} per {@link AirspaceVolume#idOf}. */
public record RetireAirspace(@TargetAggregateIdentifier String volumeId, Instant at) {
}
