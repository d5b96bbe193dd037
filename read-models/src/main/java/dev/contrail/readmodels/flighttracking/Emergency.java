package dev.contrail.readmodels.flighttracking;

import dev.contrail.readmodels.flighttracking.FlightRecord.Place;
import java.time.Instant;

/**
 * An emergency an aircraft declared by squawking 7500, 7600 or 7700: active until the crew leaves the code or the
 * flight is lost.
 *
 * @param declaredSequence the sequence of the declaration in its aircraft's history; with icao24, names the emergency
 * @param squawk           the code that declared it
 * @param position         where the aircraft was when it declared it, if known
 * @param clearedAt        when it stopped being active, or null while it is
 * @param endedBy          why it stopped being active, or null while it is
 */
public record Emergency(
        String icao24,
        long declaredSequence,
        String flightId,
        Kind kind,
        String squawk,
        Instant declaredAt,
        Place position,
        Instant clearedAt,
        End endedBy) {

    /** What the squawk declares. */
    public enum Kind {
        /** 7500: unlawful interference. */
        HIJACK,
        /** 7600: radio communication failure. */
        RADIO_FAILURE,
        /** 7700: general emergency. */
        GENERAL_EMERGENCY
    }

    /** Why an emergency is no longer active. */
    public enum End {
        /** The aircraft stopped squawking the code. */
        CLEARED,
        /** Contrail lost the flight while the emergency was active: nobody knows how it ended. */
        FLIGHT_LOST
    }

    /** A stable identifier: the aircraft and the sequence of the declaration in its history. */
    public String id() {
        return icao24 + "-" + declaredSequence;
    }

    public boolean active() {
        return clearedAt == null;
    }
}
