package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.util.Optional;

/** Where the live-flights projection writes. The port keeps the topology testable without a database. */
public interface LiveFlightWriter {

    /**
     * Applies one event to the aircraft's live state.
     *
     * @return the new state, or empty when the event changed nothing (a redelivery, or an event this model ignores)
     */
    Optional<LiveFlight> apply(FlightTrackingEvent event);
}
