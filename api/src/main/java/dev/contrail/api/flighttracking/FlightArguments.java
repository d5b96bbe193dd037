package dev.contrail.api.flighttracking;

import dev.contrail.api.graphql.InvalidArgumentException;
import dev.contrail.api.graphql.KeysetConnection;
import dev.contrail.readmodels.flighttracking.BoundingBox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and converts the GraphQL arguments of Flight Tracking, each failure an {@link InvalidArgumentException}
 * that names the argument. Shared by the controllers so that an argument means the same in every operation.
 */
final class FlightArguments {

    private static final Pattern ICAO24 = Pattern.compile("[0-9a-fA-F]{6}");
    /** ICAO callsigns are up to 7 letters and digits (OpenSky pads to 8): anything else cannot start one. */
    private static final Pattern CALLSIGN_PREFIX = Pattern.compile("[0-9A-Za-z]{1,8}");
    private static final int MAX_COUNTRY_LENGTH = 64;

    private FlightArguments() {
    }

    /** The address in lower case, as every topic and table keys it. */
    static String icao24(String argument, String icao24) {
        if (!ICAO24.matcher(icao24).matches()) {
            throw new InvalidArgumentException(argument, "must be 6 hexadecimal digits, was '" + icao24 + "'");
        }
        return icao24.toLowerCase(Locale.ROOT);
    }

    /** The icao24 a page of flights starts after, from the cursor of an edge of the previous page; null for none. */
    static String afterIcao24(String argument, String cursor) {
        if (cursor == null) {
            return null;
        }
        return KeysetConnection.key(cursor).filter(key -> ICAO24.matcher(key).matches()).map(key -> key.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidArgumentException(argument, "is not a cursor returned by this API"));
    }

    static BoundingBox boundingBox(String argument, BoundingBoxInput input) {
        if (input == null) {
            return null;
        }
        try {
            return new BoundingBox(input.south(), input.west(), input.north(), input.east());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(argument, e.getMessage());
        }
    }

    static Instant instant(String argument, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidArgumentException(argument, "must be an ISO-8601 instant with an offset, e.g. 2023-03-14T14:20:00Z, was '" + text + "'");
        }
    }

    static int within(String argument, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidArgumentException(argument, "must be within [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    static String callsignPrefix(String argument, String prefix) {
        if (prefix == null) {
            return null;
        }
        if (!CALLSIGN_PREFIX.matcher(prefix).matches()) {
            throw new InvalidArgumentException(argument, "must be 1 to 8 letters or digits, was '" + prefix + "'");
        }
        return prefix;
    }

    static String originCountry(String argument, String country) {
        if (country == null) {
            return null;
        }
        if (country.isBlank() || country.length() > MAX_COUNTRY_LENGTH) {
            throw new InvalidArgumentException(argument, "must be a country name of 1 to " + MAX_COUNTRY_LENGTH + " characters, was '" + country + "'");
        }
        return country.strip();
    }

    /** The GraphQL input of an area. */
    public record BoundingBoxInput(double south, double west, double north, double east) {
    }
}
