package dev.contrail.domain.flighttracking;

/**
 * Where an aircraft is: WGS-84 latitude and longitude in degrees, and its altitudes in metres
 * (barometric from the altimeter, geometric from GNSS; either may be unknown).
 */
public record Position(double latitude, double longitude, Double barometricAltitudeM, Double geometricAltitudeM) {

    public Position {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], was " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], was " + longitude);
        }
    }
}
