package dev.contrail.domain.airport;

/** The outcome of attributing a take-off or landing to an airport (ADR 0012). */
public sealed interface Attribution {

    /**
     * The movement happened at {@code airportIdent}; {@code runway} is the runway end's designator, or null with
     * {@code runwayNote} saying why it could not be told.
     */
    record Attributed(String airportIdent, String runway, double distanceM, String runwayNote) implements Attribution {
    }

    /** No airport can be named; {@code reason} says why, {@code detail} gives the figures. */
    record NotAttributed(Reason reason, String detail) implements Attribution {
    }

    /** Why a movement was not attributed. */
    enum Reason {
        /** The event carried no position. */
        NO_POSITION,
        /** No suitable airport within the distance limit. */
        NO_AIRPORT_NEARBY,
        /** The nearest suitable airport is close enough, but the aircraft was too high above it. */
        TOO_HIGH,
        /** Two suitable airports are about as near, and neither has a runway under the aircraft. */
        AMBIGUOUS
    }
}
