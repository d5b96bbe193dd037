package dev.contrail.domain.airspace;

/** A point on the WGS-84 ellipsoid, in degrees: the vertex of an airspace boundary. */
public record GeoPoint(double latitude, double longitude) {

    public GeoPoint {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], was " + latitude);
        }
        if (!(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], was " + longitude);
        }
    }
}
