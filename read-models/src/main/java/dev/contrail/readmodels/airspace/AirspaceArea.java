package dev.contrail.readmodels.airspace;

/**
 * An area on the map for airspace queries, in degrees; {@code west > east} crosses the antimeridian.
 */
public record AirspaceArea(double south, double west, double north, double east) {

    public AirspaceArea {
        require("south", south, -90, 90);
        require("north", north, -90, 90);
        require("west", west, -180, 180);
        require("east", east, -180, 180);
        if (south > north) {
            throw new IllegalArgumentException("south (" + south + ") must not be north of north (" + north + ")");
        }
    }

    /** Whether a volume's box (west > east when it crosses the antimeridian) overlaps this area. */
    boolean overlaps(double otherSouth, double otherWest, double otherNorth, double otherEast) {
        if (otherNorth < south || otherSouth > north) {
            return false;
        }
        return longitudesOverlap(west, east, otherWest, otherEast);
    }

    private static boolean longitudesOverlap(double w1, double e1, double w2, double e2) {
        // Split each longitude range that crosses the antimeridian into two plain ranges.
        double[][] a = w1 > e1 ? new double[][] {{w1, 180}, {-180, e1}} : new double[][] {{w1, e1}};
        double[][] b = w2 > e2 ? new double[][] {{w2, 180}, {-180, e2}} : new double[][] {{w2, e2}};
        for (double[] x : a) {
            for (double[] y : b) {
                if (x[0] <= y[1] && y[0] <= x[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void require(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be within [" + (int) min + ", " + (int) max + "], was " + value);
        }
    }
}
