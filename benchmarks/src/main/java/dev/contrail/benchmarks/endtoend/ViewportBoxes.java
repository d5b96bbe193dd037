package dev.contrail.benchmarks.endtoend;

import dev.contrail.benchmarks.traffic.Airport;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The areas that figure 2's subscribers and figure 3's queries look at: a dashboard's viewport of fixed size
 * centred on a random large airport, where traffic is. Deterministic for a seed; never crosses the antimeridian or
 * a pole, so that the plain-SQL raw limit can use the same boxes unchanged.
 */
public final class ViewportBoxes {

    /** An area in degrees, as GraphQL's {@code BoundingBoxInput}. */
    public record Box(double south, double west, double north, double east) {

        public String graphQl() {
            return "{south: %s, west: %s, north: %s, east: %s}".formatted(south, west, north, east);
        }
    }

    private final List<Airport> hubs;
    private final SplittableRandom random;
    private final double height;
    private final double width;

    public ViewportBoxes(List<Airport> airports, long seed, double heightDeg, double widthDeg) {
        this.hubs = airports.stream().filter(Airport::large).toList();
        this.random = new SplittableRandom(seed);
        this.height = heightDeg;
        this.width = widthDeg;
    }

    public Box next() {
        Airport hub = hubs.get(random.nextInt(hubs.size()));
        double south = clamp(hub.latitude() - height / 2, -90, 90 - height);
        double west = clamp(hub.longitude() - width / 2, -180, 180 - width);
        return new Box(round(south), round(west), round(south + height), round(west + width));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e4) / 1e4;
    }
}
