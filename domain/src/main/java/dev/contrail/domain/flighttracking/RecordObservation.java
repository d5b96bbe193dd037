package dev.contrail.domain.flighttracking;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Tell an aircraft what surveillance observed of it; the aircraft decides what, if anything, it means.
 *
 * @param recentTrack the aircraft's positions reported before this observation, oldest first, as the intake
 *                    remembers them (at most {@link TrackingPolicy#RECENT_TRACK_POINTS}, none older than
 *                    {@link TrackingPolicy#RECENT_TRACK_SPAN}): the aircraft itself records positions only sampled
 *                    (ADR 0007), so this is where the approach or the initial climb of a movement comes from (ADR 0023)
 */
public record RecordObservation(@TargetAggregateIdentifier String icao24, Observation observation, List<TrackPoint> recentTrack) {

    public RecordObservation {
        recentTrack = TrackPoint.listOf(recentTrack);
    }

    public RecordObservation(Observation observation, List<TrackPoint> recentTrack) {
        this(observation.icao24().value(), observation, recentTrack);
    }

    public RecordObservation(Observation observation) {
        this(observation.icao24().value(), observation, List.of());
    }
}
