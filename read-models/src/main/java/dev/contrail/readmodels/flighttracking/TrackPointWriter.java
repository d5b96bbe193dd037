package dev.contrail.readmodels.flighttracking;

/** Where the flight-tracks projection writes. The port keeps the topology testable without a database. */
public interface TrackPointWriter {

    /**
     * Records one point of an aircraft's track. Idempotent: a point is identified by its aircraft and
     * {@code observedAt}, and a point already recorded is left as it is.
     *
     * @return whether the point was new
     */
    boolean write(TrackPoint point);
}
