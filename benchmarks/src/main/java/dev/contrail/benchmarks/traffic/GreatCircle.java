package dev.contrail.benchmarks.traffic;

/**
 * Great-circle navigation on a spherical Earth, in degrees and metres. {@link StrictMath} throughout, so that a
 * seed gives bit-identical traffic on every JVM and machine.
 */
public final class GreatCircle {

    /** Mean Earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    /** A point on the sphere, degrees. */
    public record Point(double latitude, double longitude) {
    }

    private GreatCircle() {
    }

    /** Distance along the great circle (haversine), metres. */
    public static double distanceM(double lat1, double lon1, double lat2, double lon2) {
        return EARTH_RADIUS_M * angularDistance(lat1, lon1, lat2, lon2);
    }

    /** Initial bearing from the first point towards the second, degrees clockwise from true north in [0, 360). */
    public static double initialBearingDeg(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = StrictMath.toRadians(lat1);
        double phi2 = StrictMath.toRadians(lat2);
        double deltaLambda = StrictMath.toRadians(lon2 - lon1);
        double y = StrictMath.sin(deltaLambda) * StrictMath.cos(phi2);
        double x = StrictMath.cos(phi1) * StrictMath.sin(phi2) - StrictMath.sin(phi1) * StrictMath.cos(phi2) * StrictMath.cos(deltaLambda);
        double bearing = StrictMath.toDegrees(StrictMath.atan2(y, x));
        return normalizeDegrees(bearing);
    }

    /**
     * The point at {@code fraction} (0 = start, 1 = end) of the way along the great circle between two points.
     * Points that coincide give the start; antipodal points have no unique great circle and are not supported.
     */
    public static Point intermediatePoint(double lat1, double lon1, double lat2, double lon2, double fraction) {
        double delta = angularDistance(lat1, lon1, lat2, lon2);
        if (delta < 1e-12) {
            return new Point(lat1, lon1);
        }
        double phi1 = StrictMath.toRadians(lat1);
        double lambda1 = StrictMath.toRadians(lon1);
        double phi2 = StrictMath.toRadians(lat2);
        double lambda2 = StrictMath.toRadians(lon2);
        double sinDelta = StrictMath.sin(delta);
        double a = StrictMath.sin((1 - fraction) * delta) / sinDelta;
        double b = StrictMath.sin(fraction * delta) / sinDelta;
        double x = a * StrictMath.cos(phi1) * StrictMath.cos(lambda1) + b * StrictMath.cos(phi2) * StrictMath.cos(lambda2);
        double y = a * StrictMath.cos(phi1) * StrictMath.sin(lambda1) + b * StrictMath.cos(phi2) * StrictMath.sin(lambda2);
        double z = a * StrictMath.sin(phi1) + b * StrictMath.sin(phi2);
        double latitude = StrictMath.toDegrees(StrictMath.atan2(z, StrictMath.sqrt(x * x + y * y)));
        double longitude = StrictMath.toDegrees(StrictMath.atan2(y, x));
        return new Point(latitude, longitude);
    }

    /** Central angle between two points (haversine formula), radians. */
    static double angularDistance(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = StrictMath.toRadians(lat1);
        double phi2 = StrictMath.toRadians(lat2);
        double sinHalfDeltaPhi = StrictMath.sin((phi2 - phi1) / 2);
        double sinHalfDeltaLambda = StrictMath.sin(StrictMath.toRadians(lon2 - lon1) / 2);
        double h = sinHalfDeltaPhi * sinHalfDeltaPhi
                + StrictMath.cos(phi1) * StrictMath.cos(phi2) * sinHalfDeltaLambda * sinHalfDeltaLambda;
        return 2 * StrictMath.asin(StrictMath.sqrt(StrictMath.min(1, h)));
    }

    static double normalizeDegrees(double degrees) {
        double normalized = degrees % 360;
        if (normalized < 0) {
            normalized += 360;
        }
        // -1e-15 + 360 rounds to 360, and -0.0 % 360 is -0.0: both are north.
        return normalized >= 360 || normalized == 0 ? 0 : normalized;
    }
}
