package dev.contrail.readmodels.flighttracking;

/**
 * The phase of flight an aircraft is in, as the live-flights model derives it from what it last heard. Derived on
 * read rather than stored, so that it can never disagree with the columns it comes from, whichever of the two
 * topics wrote them last.
 */
public enum Phase {

    /** On the ground (taxiing, parked, or rolling), as the de-flickered observation stream says. */
    ON_GROUND,
    /** Airborne and climbing faster than {@link #LEVEL_FLIGHT_MPS}. */
    CLIMBING,
    /**
     * Airborne within {@link #LEVEL_FLIGHT_MPS} of level, or with no vertical rate reported: an aircraft that
     * says nothing about its vertical rate is far more often cruising than climbing or descending.
     */
    CRUISING,
    /** Airborne and descending faster than {@link #LEVEL_FLIGHT_MPS}. */
    DESCENDING,
    /** Its flight was declared lost (FlightLost) and nothing has been heard from it since. */
    LOST;

    /**
     * How fast an aircraft may climb or descend and still count as level, in m/s (±2.5 m/s ≈ ±500 ft/min):
     * about the largest rate at which pilots hold an altitude, and well under a real climb or descent.
     */
    public static final double LEVEL_FLIGHT_MPS = 2.5;

    public static Phase of(boolean lost, boolean onGround, Double verticalRateMps) {
        if (lost) {
            return LOST;
        }
        if (onGround) {
            return ON_GROUND;
        }
        if (verticalRateMps == null || Math.abs(verticalRateMps) <= LEVEL_FLIGHT_MPS) {
            return CRUISING;
        }
        return verticalRateMps > 0 ? CLIMBING : DESCENDING;
    }
}
