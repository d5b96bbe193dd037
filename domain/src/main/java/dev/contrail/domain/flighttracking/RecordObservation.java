package dev.contrail.domain.flighttracking;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tell an aircraft what surveillance observed of it; the aircraft decides what, if anything, it means. */
public record RecordObservation(@TargetAggregateIdentifier String icao24, Observation observation) {

    public RecordObservation(Observation observation) {
        this(observation.icao24().value(), observation);
    }
}
