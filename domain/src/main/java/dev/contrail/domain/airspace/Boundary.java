package dev.contrail.domain.airspace;

import java.util.List;

/**
 * The lateral limits of an airspace: one or more polygons (a multipolygon), each possibly with holes. The domain's
 * own value, so that events and aggregates stay plain data; the geometry engine that tests containment lives behind
 * the context's edge (ADR 0013).
 */
public record Boundary(List<BoundaryPolygon> polygons) {

    public Boundary {
        polygons = List.copyOf(polygons);
        if (polygons.isEmpty()) {
            throw new IllegalArgumentException("a boundary needs at least one polygon");
        }
    }

    public static Boundary of(BoundaryPolygon... polygons) {
        return new Boundary(List.of(polygons));
    }

    public int pointCount() {
        return polygons.stream().mapToInt(p -> p.exterior().points().size()
                + p.holes().stream().mapToInt(h -> h.points().size()).sum()).sum();
    }
}
