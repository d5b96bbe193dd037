package dev.contrail.domain.flighttracking;

import java.util.Optional;

/** The emergencies a transponder code declares. */
public enum EmergencyKind {
    /** Squawk 7500: unlawful interference. */
    HIJACK("7500"),
    /** Squawk 7600: radio communication failure. */
    RADIO_FAILURE("7600"),
    /** Squawk 7700: general emergency. */
    GENERAL_EMERGENCY("7700");

    private final String squawk;

    EmergencyKind(String squawk) {
        this.squawk = squawk;
    }

    public String squawk() {
        return squawk;
    }

    /** The emergency a squawk declares, if it is one of the three emergency codes. */
    public static Optional<EmergencyKind> declaredBy(String squawk) {
        for (EmergencyKind kind : values()) {
            if (kind.squawk.equals(squawk)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
