package dev.contrail.domain.airspace;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Defines an airspace, or redefines it: the airspace decides whether anything changed. */
public record DefineAirspace(@TargetAggregateIdentifier String airspaceId, AirspaceDefinition definition, Instant at) {
}
