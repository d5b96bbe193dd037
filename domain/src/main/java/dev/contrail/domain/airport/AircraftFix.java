package dev.contrail.domain.airport;

/**
 * Where an aircraft was when it took off or landed, as the Airport context needs it: position, altitudes (either
 * may be unknown; on the ground they usually are), ground speed and true track.
 */
public record AircraftFix(double latitude, double longitude, Double barometricAltitudeM, Double geometricAltitudeM,
                          Double groundSpeedMps, Double trackDeg) {

    public AircraftFix {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], was " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], was " + longitude);
        }
    }

    /** The altitude to compare with a field elevation: barometric when known (what the aircraft flies), else GNSS. */
    Double altitudeM() {
        return barometricAltitudeM != null ? barometricAltitudeM : geometricAltitudeM;
    }
}
