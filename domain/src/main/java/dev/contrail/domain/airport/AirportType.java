package dev.contrail.domain.airport;

import java.util.Locale;

/** What kind of place an airport is, in OurAirports' classification. */
public enum AirportType {
    LARGE_AIRPORT, MEDIUM_AIRPORT, SMALL_AIRPORT, HELIPORT, SEAPLANE_BASE, BALLOONPORT, CLOSED;

    /** @throws IllegalArgumentException for a type OurAirports does not define */
    public static AirportType of(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown airport type '" + text + "'");
        }
    }

    /** Whether aircraft take off and land here, as far as attributing movements goes (ADR 0012). */
    public boolean servesFlights() {
        return this != CLOSED && this != BALLOONPORT;
    }
}
