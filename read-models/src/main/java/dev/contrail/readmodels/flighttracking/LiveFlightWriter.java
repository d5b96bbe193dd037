package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.readmodels.projection.StagedWrites;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.util.List;
import java.util.Optional;

/**
 * Where the live-flights projection writes. The port keeps the topology testable without a database.
 *
 * <p>Both methods are idempotent and commute with each other: events own the flight-level columns and are
 * applied only above the aircraft's last applied {@code sequence}; observations own the position columns and are
 * applied only when newer than its {@code lastSeen}. Redeliveries change nothing, and the two topics may
 * interleave in any order.
 */
public interface LiveFlightWriter extends StagedWrites {

    /**
     * Applies one integration event to the aircraft's flight-level state.
     *
     * @return the aircraft's new state, or empty when nothing visible changed: a redelivery, an event this model
     *         ignores, or an aircraft not heard from yet in the observation stream
     */
    Optional<LiveFlight> apply(FlightTrackingEvent event);

    /**
     * Applies one observation to the aircraft's position, speed, altitude, on-ground and last-seen state.
     *
     * @return the aircraft's new state, or empty when nothing visible changed: a redelivery, an older observation,
     *         or an aircraft whose flight Flight Tracking has not detected yet
     */
    Optional<LiveFlight> apply(AircraftObservation observation);

    /**
     * Stages an event for the next flush (ADR 0020): same effect as {@link #apply(FlightTrackingEvent)}, a little
     * later, written together with the other staged records.
     */
    void stage(FlightTrackingEvent event);

    /** Stages an observation for the next flush; see {@link #stage(FlightTrackingEvent)}. */
    void stage(AircraftObservation observation);

    /** As {@link #stage(FlightTrackingEvent)}, for the record {@code source}, dead-lettered if refused (ADR 0025). */
    default void stage(FlightTrackingEvent event, SourceRecord source) {
        stage(event);
    }

    /** As {@link #stage(AircraftObservation)}, for the record {@code source}, dead-lettered if refused (ADR 0025). */
    default void stage(AircraftObservation observation, SourceRecord source) {
        stage(observation);
    }

    /**
     * Writes everything staged, and returns the aircraft whose visible state it changed, each once and as it is now
     * (complete rows only, see {@link LiveFlight}): what the subscribers are told.
     */
    List<LiveFlight> flushChanges();

    /** Writes everything staged, when nobody needs to know what changed (a rebuilding generation). */
    @Override
    default void flush() {
        flushChanges();
    }
}
