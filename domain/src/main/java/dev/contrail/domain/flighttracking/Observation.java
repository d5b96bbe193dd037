package dev.contrail.domain.flighttracking;

import java.time.Instant;
import java.util.Objects;

/**
 * What surveillance told us about one aircraft at one moment, already cleaned by refinement.
 * Only {@code icao24}, {@code observedAt} and {@code onGround} are always known.
 *
 * @param callsign trimmed callsign, or null when the aircraft did not send one
 * @param position null when the aircraft has not reported a position
 * @param squawk   the four octal digits of the transponder code, or null
 */
public record Observation(
        Icao24 icao24,
        Instant observedAt,
        String callsign,
        String originCountry,
        Position position,
        boolean onGround,
        Double groundSpeedMps,
        Double trackDeg,
        Double verticalRateMps,
        String squawk) {

    public Observation {
        Objects.requireNonNull(icao24, "icao24");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
