package dev.contrail.domain.airport;

/** An equirectangular plane around a point: metres east and north, accurate to well under 1 % within tens of km. */
record LocalPlane(double latitude, double longitude) {

    private static final double EARTH_RADIUS_M = 6_371_008.8;

    double[] project(double lat, double lon) {
        double dLon = lon - longitude;
        if (dLon > 180) {
            dLon -= 360;
        } else if (dLon < -180) {
            dLon += 360;
        }
        double east = Math.toRadians(dLon) * Math.cos(Math.toRadians((lat + latitude) / 2)) * EARTH_RADIUS_M;
        double north = Math.toRadians(lat - latitude) * EARTH_RADIUS_M;
        return new double[] {east, north};
    }

    double distanceTo(double lat, double lon) {
        double[] p = project(lat, lon);
        return Math.hypot(p[0], p[1]);
    }
}
