package dev.contrail.readmodels.flighttracking;

import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;

/** Where the traffic-stats projection writes. The port keeps the topology testable without a database. */
public interface TrafficMinuteWriter {

    /**
     * Folds one observation into what its aircraft did in the minute it was made: highest speed and altitude,
     * latest ground state, callsign and origin country. Idempotent and order-independent: folding the same
     * observation again, or an older one of the same minute after a newer one, changes nothing.
     */
    void record(AircraftObservation observation);

    /** Forgets every minute that starts before {@code horizon}. */
    void forgetBefore(Instant horizon);
}
