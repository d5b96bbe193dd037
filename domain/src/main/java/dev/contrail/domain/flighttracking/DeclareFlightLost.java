package dev.contrail.domain.flighttracking;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Nothing has been heard from the aircraft since {@code lastContactAt}, and it is now {@code now}. The aircraft
 * decides: if it was heard from after {@code lastContactAt} in the meantime, the command changes nothing.
 */
public record DeclareFlightLost(@TargetAggregateIdentifier String icao24, Instant lastContactAt, Instant now) {
}
