package dev.contrail.domain.airspace;

/** Why an aircraft stopped occupying an airspace. */
public enum ExitReason {
    /** It flew out, laterally or vertically. */
    LEFT,
    /** Flight Tracking lost its flight while it was inside. */
    FLIGHT_LOST,
    /** The airspace itself was retired with the aircraft inside. */
    AIRSPACE_RETIRED
}
