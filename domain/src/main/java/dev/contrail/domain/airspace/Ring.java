package dev.contrail.domain.airspace;

import java.util.List;

/**
 * A closed line of boundary points: the first point is repeated as the last. Consecutive points are joined by
 * the shorter way round the globe, so a ring may cross the antimeridian (a step from 179.9° to -179.9° is 0.2°
 * east, not 359.8° west).
 */
public record Ring(List<GeoPoint> points) {

    public Ring {
        points = List.copyOf(points);
        if (points.size() < 4) {
            throw new IllegalArgumentException("a ring needs at least 4 points (3 corners and the closing one), had " + points.size());
        }
        if (!points.get(0).equals(points.get(points.size() - 1))) {
            throw new IllegalArgumentException("a ring must be closed: its first point " + points.get(0)
                    + " differs from its last " + points.get(points.size() - 1));
        }
    }

    /** Whether a step between two consecutive points crosses the antimeridian (±180°). */
    public boolean crossesAntimeridian() {
        for (int i = 1; i < points.size(); i++) {
            if (Math.abs(points.get(i).longitude() - points.get(i - 1).longitude()) > 180) {
                return true;
            }
        }
        return false;
    }
}
