package dev.contrail.domain.airport;

/** What importing an airport's reference data did. */
public enum ImportOutcome {
    /** The airport was new: {@link AirportRegistered}. */
    REGISTERED,
    /** The reference data differed: {@link AirportChanged}. */
    CHANGED,
    /** The same data again: nothing recorded. */
    UNCHANGED
}
