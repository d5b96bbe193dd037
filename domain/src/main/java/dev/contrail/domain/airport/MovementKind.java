package dev.contrail.domain.airport;

/** Which way a flight moved at an airport. */
public enum MovementKind {
    /** It took off from the airport. */
    DEPARTURE,
    /** It landed at the airport. */
    ARRIVAL
}
