package dev.contrail.domain.flighttracking;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** The ICAO 24-bit aircraft address, written as six lower-case hexadecimal digits (e.g. {@code a65527}). */
public record Icao24(String value) {

    private static final Pattern SIX_HEX_DIGITS = Pattern.compile("[0-9a-f]{6}");

    public Icao24 {
        Objects.requireNonNull(value, "icao24");
        if (!SIX_HEX_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("icao24 must be 6 hexadecimal digits, was '" + value + "'");
        }
    }

    /** Accepts the address as transponders and feeds write it: any case, surrounding blanks. */
    public static Icao24 of(String raw) {
        Objects.requireNonNull(raw, "icao24");
        return new Icao24(raw.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
