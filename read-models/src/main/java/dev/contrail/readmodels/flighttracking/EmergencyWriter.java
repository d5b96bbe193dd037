package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.util.List;

/** Where the emergencies projection writes. The port keeps the topology testable without a database. */
public interface EmergencyWriter {

    /**
     * Applies one event to its aircraft's emergencies: a declaration records one, a clearance ends the one it clears,
     * a lost flight ends whatever is active.
     *
     * @return the emergencies as the event left them; empty when it changed nothing (a redelivery, a lost flight
     *         without an active emergency, or an event this model ignores)
     */
    List<Emergency> apply(FlightTrackingEvent event);
}
