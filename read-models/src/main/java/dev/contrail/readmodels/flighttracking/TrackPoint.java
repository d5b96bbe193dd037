package dev.contrail.readmodels.flighttracking;

import java.time.Instant;

/** One position an aircraft reported, from the full-rate observation stream. Metres, m/s, degrees. */
public record TrackPoint(
        String icao24,
        Instant observedAt,
        double latitude,
        double longitude,
        Double barometricAltitudeM,
        Double geometricAltitudeM,
        boolean onGround,
        Double groundSpeedMps,
        Double trackDeg,
        Double verticalRateMps) {
}
