package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.projection.SourceRecord;
import dev.contrail.readmodels.projection.StagedWrites;

/** Where the flight-tracks projection writes. The port keeps the topology testable without a database. */
public interface TrackPointWriter extends StagedWrites {

    /**
     * Records one point of an aircraft's track. Idempotent: a point is identified by its aircraft and
     * {@code observedAt}, and a point already recorded is left as it is.
     *
     * @return whether the point was new
     */
    boolean write(TrackPoint point);

    /** Stages a point for the next {@link #flush()}, as {@link #write} would record it. Default: writes it at once. */
    default void stage(TrackPoint point) {
        write(point);
    }

    /** As {@link #stage(TrackPoint)}, for the record {@code source}, to be dead-lettered if its point is refused (ADR 0025). */
    default void stage(TrackPoint point, SourceRecord source) {
        stage(point);
    }

    /** Writes everything staged. */
    @Override
    default void flush() {
    }

    @Override
    default int staged() {
        return 0;
    }
}
