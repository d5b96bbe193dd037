package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.readmodels.projection.StagedWrites;
import dev.contrail.schemas.flighttracking.FlightTrackingEvent;
import java.util.Optional;

/** Where the flight-history projection writes. The port keeps the topology testable without a database. */
public interface FlightHistoryWriter extends StagedWrites {

    /**
     * Applies one event to the flight its envelope names, by the rules of {@link FlightRecord#after}.
     *
     * @return the flight as it is now, or empty when the event changed nothing (a redelivery among them)
     */
    Optional<FlightRecord> apply(FlightTrackingEvent event);

    /** Applies an event to the flight as staged, and stages the result for the next {@link #flush()}. Default: at once. */
    default void stage(FlightTrackingEvent event) {
        apply(event);
    }

    /** As {@link #stage(FlightTrackingEvent)}, for the record {@code source}, dead-lettered if refused (ADR 0025). */
    default void stage(FlightTrackingEvent event, SourceRecord source) {
        stage(event);
    }

    @Override
    default void flush() {
    }

    @Override
    default int staged() {
        return 0;
    }
}
