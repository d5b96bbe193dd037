package dev.contrail.domain.airspace;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Defines an airspace, or redefines it: the airspace decides whether anything changed. The volume addressed is the
 * one with this id in the definition's source ({@link AirspaceVolume#idOf}).
 */
public record DefineAirspace(String airspaceId, AirspaceDefinition definition, Instant at) {

    @TargetAggregateIdentifier
    public String volumeId() {
        return AirspaceVolume.idOf(definition.source(), airspaceId);
    }
}
