package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.readmodels.projection.StagedWrites;
import dev.contrail.schemas.flighttracking.AircraftObservation;
import java.time.Instant;

/** Where the traffic-stats projection writes. The port keeps the topology testable without a database. */
public interface TrafficMinuteWriter extends StagedWrites {

    /**
     * Folds one observation into what its aircraft did in the minute it was made: highest speed and altitude,
     * latest ground state, callsign and origin country. Idempotent and order-independent: folding the same
     * observation again, or an older one of the same minute after a newer one, changes nothing.
     */
    void record(AircraftObservation observation);

    /** Stages an observation for the next {@link #flush()}, as {@link #record} would fold it. Default: folds it at once. */
    default void stage(AircraftObservation observation) {
        record(observation);
    }

    /** As {@link #stage(AircraftObservation)}, for the record {@code source}, dead-lettered if refused (ADR 0025). */
    default void stage(AircraftObservation observation, SourceRecord source) {
        stage(observation);
    }

    @Override
    default void flush() {
    }

    @Override
    default int staged() {
        return 0;
    }

    /** Forgets every minute that starts before {@code horizon}. */
    void forgetBefore(Instant horizon);
}
