package dev.contrail.domain.airspace;

import java.util.List;

/** One piece of an airspace's lateral boundary: an outer ring with holes cut out of it. */
public record BoundaryPolygon(Ring exterior, List<Ring> holes) {

    public BoundaryPolygon {
        if (exterior == null) {
            throw new IllegalArgumentException("a polygon needs an exterior ring");
        }
        holes = holes == null ? List.of() : List.copyOf(holes);
    }

    public boolean crossesAntimeridian() {
        return exterior.crossesAntimeridian() || holes.stream().anyMatch(Ring::crossesAntimeridian);
    }
}
