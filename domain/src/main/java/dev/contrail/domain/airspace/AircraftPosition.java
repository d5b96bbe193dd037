package dev.contrail.domain.airspace;

/**
 * Where an aircraft was when it entered or left an airspace: latitude and longitude in degrees and the altitude
 * tested against floors and ceilings (barometric when known, else geometric; {@code null} when neither is).
 */
public record AircraftPosition(double latitude, double longitude, Double altitudeM) {

    public AircraftPosition {
        new GeoPoint(latitude, longitude);
    }
}
