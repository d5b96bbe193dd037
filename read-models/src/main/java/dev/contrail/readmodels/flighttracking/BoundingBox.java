package dev.contrail.readmodels.flighttracking;

/**
 * An area on the map, from its south-west to its north-east corner, in degrees. When {@code west > east} the box
 * crosses the antimeridian (e.g. west 170, east -170 is the 20° around 180°).
 */
public record BoundingBox(double south, double west, double north, double east) {

    public BoundingBox {
        require("south", south, -90, 90);
        require("north", north, -90, 90);
        require("west", west, -180, 180);
        require("east", east, -180, 180);
        if (south > north) {
            throw new IllegalArgumentException("south (" + south + ") must not be north of north (" + north + ")");
        }
    }

    public boolean crossesAntimeridian() {
        return west > east;
    }

    public boolean contains(Double latitude, Double longitude) {
        if (latitude == null || longitude == null || latitude < south || latitude > north) {
            return false;
        }
        return crossesAntimeridian() ? longitude >= west || longitude <= east : longitude >= west && longitude <= east;
    }

    private static void require(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be within [" + (int) min + ", " + (int) max + "], was " + value);
        }
    }
}
